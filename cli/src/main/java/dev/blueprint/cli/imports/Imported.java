package dev.blueprint.cli.imports;

import java.util.List;
import java.util.Map;

/**
 * What an importer made of one entry: a blueprint tree to write, or why there is none, and what it could not carry over.
 *
 * @param name     the blueprint's name (its folder)
 * @param header   comment lines for the top of the file: where it came from, what to review
 * @param tree     the blueprint, or null when the entry was skipped
 * @param notes    what could not be carried over, and why
 * @param skipped  why there is no blueprint, or null
 */
record Imported(String name, List<String> header, Map<String, Object> tree, List<String> notes, String skipped) {
    Imported {
        header = List.copyOf(header);
        notes = List.copyOf(notes);
    }

    static Imported skip(String name, String reason) {
        return new Imported(name, List.of(), null, List.of(), reason);
    }
}
