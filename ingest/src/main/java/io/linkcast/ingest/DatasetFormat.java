package io.linkcast.ingest;

import java.util.Locale;

/** The dataset file formats {@link DatasetReader} understands. */
public enum DatasetFormat {
    /**
     * SNAP signed networks ({@code soc-sign-bitcoinotc.csv}): no header (an optional
     * {@code SOURCE,TARGET,RATING,TIME} line is skipped), {@code SOURCE,TARGET,RATING,TIME}; sign is the sign of
     * RATING, weight is RATING.
     */
    SIGNED_CSV("signed-csv"),
    /** SNAP temporal edge lists ({@code CollegeMsg.txt}): {@code SRC DST UNIXTS}, whitespace-separated, '#' or '%' comments. */
    EDGE_LIST("edge-list"),
    /** JODIE / CAWN / NAT processed files ({@code ml_*.csv}): header {@code ,u,i,ts,label,idx}; id is idx. */
    JODIE_CSV("jodie");

    private final String label;

    DatasetFormat(String label) {
        this.label = label;
    }

    /** The name used on the command line. */
    public String label() {
        return label;
    }

    /** The format named {@code label} (case-insensitive; the enum constant name is accepted too). */
    public static DatasetFormat fromLabel(String label) {
        for (DatasetFormat f : values()) {
            if (f.label.equalsIgnoreCase(label) || f.name().equalsIgnoreCase(label)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown dataset format '" + label + "'; allowed: signed-csv, edge-list, jodie");
    }

    @Override
    public String toString() {
        return label.toLowerCase(Locale.ROOT);
    }
}
