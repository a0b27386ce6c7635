package io.linkcast.serving;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints every setting of the service with its default, valid values and meaning: the README's table. */
@Command(name = "config", description = "Print every configuration key with its default, valid values and meaning "
        + "(a Markdown table: the README's).", mixinStandardHelpOptions = true)
final class ConfigCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(ConfigKeys.markdownTable());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
