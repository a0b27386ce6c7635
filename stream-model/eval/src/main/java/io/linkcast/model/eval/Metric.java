package io.linkcast.model.eval;

/** Every number an evaluation reports, in report order. */
public enum Metric {
    LINK_AP("link.ap", "link AP (global)"),
    LINK_AUC("link.auc", "link ROC-AUC (global)"),
    LINK_AP_BATCH("link.ap_batch32", "link AP (mean of batches of 32)"),
    LINK_AUC_BATCH("link.auc_batch32", "link ROC-AUC (mean of batches of 32)"),
    RANK_RANDOM_MRR("rank.random.mrr", "MRR, 100 random negatives"),
    RANK_RANDOM_HITS10("rank.random.hits10", "Hits@10, 100 random negatives"),
    RANK_HIST_MRR("rank.hist.mrr", "MRR, 100 historical negatives"),
    RANK_HIST_HITS10("rank.hist.hits10", "Hits@10, 100 historical negatives"),
    RANK_QUERIES("rank.queries", "ranking queries"),
    SIGN_AUC("sign.auc", "sign ROC-AUC"),
    SIGN_MACRO_F1("sign.macro_f1", "sign macro-F1"),
    SIGN_F1_NEG("sign.f1_neg", "sign F1 of negatives"),
    SIGN_PRAUC_NEG("sign.prauc_neg", "sign PR-AUC of negatives"),
    SIGN_THRESHOLD("sign.threshold", "sign threshold (from validation)"),
    WEIGHT_RMSE("weight.rmse", "weight RMSE"),
    WEIGHT_PEARSON("weight.pearson", "weight Pearson r"),
    WEIGHT_RMSE_MEAN("weight.rmse_mean", "weight RMSE of the train mean"),
    VAL_LINK_AP("val.link.ap", "validation link AP (global)"),
    VAL_LINK_AUC("val.link.auc", "validation link ROC-AUC (global)"),
    VAL_SIGN_MACRO_F1("val.sign.macro_f1", "validation sign macro-F1");

    private final String key;
    private final String label;

    Metric(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** Stable machine name, used in JSON. */
    public String key() {
        return key;
    }

    /** Human label, used in tables. */
    public String label() {
        return label;
    }
}
