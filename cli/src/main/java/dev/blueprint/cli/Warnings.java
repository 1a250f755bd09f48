package dev.blueprint.cli;

import dev.blueprint.ConfigProblem;
import java.io.PrintWriter;
import java.util.List;

/** Warnings go to stderr, one line each, as {@code warning: FILE:LINE:COL: path: message}. */
final class Warnings {
    private Warnings() {
    }

    static void print(List<ConfigProblem> warnings, PrintWriter err) {
        warnings.forEach(warning -> err.println("warning: " + warning));
        err.flush();
    }
}
