package dev.entropic.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code entropic} command line. Exit codes: 0 ok; 2 bad input or usage (one line on stderr,
 * no stack trace, no partial output file); 1 internal failure.
 */
@Command(name = "entropic", mixinStandardHelpOptions = true, version = "entropic 0.1.0",
        description = "Statistical divergences, optimal transport, density estimation, calibration "
                + "and distillation losses. CSV/.npy in, JSON out.",
        subcommands = {
            DivergenceCommand.class,
            IvCommand.class,
            PsiCommand.class,
            OtCommand.class,
            DistillCommand.class,
            CalibrateCommand.class,
            CalibrationErrorCommand.class,
            KdeCommand.class,
            EntropyCommand.class,
            MleCommand.class,
            MutualInfoCommand.class,
            TwoSampleCommand.class,
            SampleDivergenceCommand.class,
            DemoCommand.class,
        })
public final class Main implements Runnable {
    /** Exit code for success. */
    public static final int OK = 0;
    /** Exit code for an internal failure. */
    public static final int INTERNAL = 1;
    /** Exit code for bad input or usage. */
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (see --help)");
    }

    /** Runs the CLI and exits the JVM with its exit code. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the CLI with the given streams; returns the exit code (used by tests). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true);
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(o);
        cl.setErr(e);
        cl.setParameterExceptionHandler((ex, a) -> {
            String cmd = ex.getCommandLine().getCommandSpec().qualifiedName();
            e.println(cmd + ": " + firstLine(ex.getMessage()) + " (see " + cmd + " --help)");
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            String cmd = commandLine.getCommandSpec().qualifiedName();
            if (ex instanceof IllegalArgumentException) {
                e.println(cmd + ": " + firstLine(ex.getMessage()));
                return BAD_INPUT;
            }
            e.println(cmd + ": internal error: " + firstLine(String.valueOf(ex)));
            return INTERNAL;
        });
        int code = cl.execute(args);
        o.flush();
        e.flush();
        return code;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
