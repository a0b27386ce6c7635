package io.linkcast.model.baseline;

import io.linkcast.model.eval.CandidateModel;
import io.linkcast.model.eval.CandidateSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The baselines of evaluation.md as {@link CandidateModel}s, by the names the CLI accepts; {@code eval} finds them as
 * a {@link CandidateSet}.
 */
public final class BaselineCandidates implements CandidateSet {
    private static final List<String> LINK = List.of("edgebank", "edgebank-tw", "common-neighbours", "adamic-adar");
    private static final List<String> SIGN = List.of("majority", "history-lr");

    @Override
    public List<String> link() {
        return LINK;
    }

    @Override
    public List<String> sign() {
        return SIGN;
    }

    @Override
    public Optional<CandidateModel> byName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "edgebank" -> Optional.of(CandidateModel.of("edgebank", "EdgeBank, unlimited memory",
                    (split, seed) -> EdgeBankModel.unlimited()));
            case "edgebank-tw" -> Optional.of(CandidateModel.of("edgebank-tw", "EdgeBank, time window = test span",
                    (split, seed) -> new EdgeBankModel(split.testSpan())));
            case "common-neighbours" -> Optional.of(CandidateModel.of("common-neighbours",
                    "common neighbours over the " + NeighbourOverlapModel.DEFAULT_CAPACITY + " most recent neighbours",
                    (split, seed) -> new NeighbourOverlapModel(NeighbourOverlapModel.Kind.COMMON_NEIGHBOURS,
                            NeighbourOverlapModel.DEFAULT_CAPACITY)));
            case "adamic-adar" -> Optional.of(CandidateModel.of("adamic-adar",
                    "Adamic-Adar over the " + NeighbourOverlapModel.DEFAULT_CAPACITY + " most recent neighbours",
                    (split, seed) -> new NeighbourOverlapModel(NeighbourOverlapModel.Kind.ADAMIC_ADAR,
                            NeighbourOverlapModel.DEFAULT_CAPACITY)));
            case "majority" -> Optional.of(CandidateModel.of("majority", "majority class / train mean, fitted on train",
                    (split, seed) -> PriorModel.fit(split.train())));
            case "history-lr" -> Optional.of(CandidateModel.of("history-lr",
                    "class-balanced logistic regression on history features, fitted on train (L2 = "
                            + HistoryLogisticTrainer.DEFAULT_L2 + ")",
                    (split, seed) -> new HistoryLogisticTrainer(HistoryLogisticTrainer.DEFAULT_L2).fit(split.train())));
            default -> Optional.empty();
        };
    }
}
