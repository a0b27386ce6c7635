package io.linkcast.serving;

/** Placeholder until the CLI lands. */
public final class LinkcastCli {
    private LinkcastCli() {
    }

    public static void main(String[] args) {
        System.out.println("linkcast");
    }
}
