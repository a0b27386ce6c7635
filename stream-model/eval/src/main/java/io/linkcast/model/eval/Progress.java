package io.linkcast.model.eval;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar over events on standard error, or nothing. */
interface Progress extends AutoCloseable {

    void stepBy(long n);

    @Override
    void close();

    static Progress of(boolean enabled, String task, long total) {
        if (!enabled) {
            return new Progress() {
                @Override
                public void stepBy(long n) {
                }

                @Override
                public void close() {
                }
            };
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" ev", 1).showSpeed().build();
        return new Progress() {
            @Override
            public void stepBy(long n) {
                bar.stepBy(n);
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }
}
