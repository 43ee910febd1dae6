package invthink.ingest.follow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import invthink.avro.DeadLetter;
import invthink.avro.Prompt;
import invthink.avro.Response;
import invthink.ingest.IngestFixture;
import invthink.ingest.publish.IngestSummary;
import invthink.prompt.PromptPreparer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Follow, rotate both ways, crash and restart, then compare what reached the topic with what was
 * written: every line once, none twice. A crash is a follower abandoned without close (its
 * producer still open, maybe mid-transaction), exactly what a {@code kill -9} leaves behind.
 */
class LogFollowerTest {

    @TempDir
    Path dir;

    private final List<LogFollower> abandoned = new ArrayList<>();

    private static String text(int i) {
        return "Question " + i + ": how should I store my medication number " + i + " while travelling abroad for work?";
    }

    /** Line i: mostly JSONL chat lines, every fifth with the model's response, every seventh plain text. */
    private static String line(int i) {
        if (i % 7 == 0) {
            return text(i);
        }
        String response = i % 5 == 0 ? ",\"response\":\"Keep it in your carry-on, answer " + i + ".\",\"model\":\"m1\"" : "";
        return "{\"messages\":[{\"role\":\"user\",\"content\":\"" + text(i) + "\"}]" + response + "}";
    }

    private static void append(Path file, int from, int to) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i <= to; i++) {
            sb.append(line(i)).append('\n');
        }
        appendRaw(file, sb.toString());
    }

    private static void appendRaw(Path file, String s) throws IOException {
        Files.writeString(file, s, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private LogFollower follower(IngestFixture kafka, Path path) {
        return new LogFollower(FollowSettings.of(path, "test-follower").withMaxBatch(7), kafka.kafkaConfig, kafka.topics,
                new PromptPreparer(), new IngestSummary());
    }

    private static int drain(LogFollower f) throws IOException {
        int total = 0;
        for (int round = 0; round < 1000; round++) {
            int n = f.pollOnce();
            if (n == 0) {
                return total;
            }
            total += n;
        }
        throw new AssertionError("follower never caught up");
    }

    @Test
    void noLineLostNoneTwiceAcrossRotationsCrashesAndRestarts() throws Exception {
        IngestFixture kafka = new IngestFixture();
        Path log = dir.resolve("chat.jsonl");

        // 1. A follows a growing file; a half-written line waits for its newline.
        append(log, 1, 50);
        LogFollower a = follower(kafka, log);
        drain(a);
        append(log, 51, 60);
        appendRaw(log, line(61).substring(0, 20));
        drain(a);
        appendRaw(log, line(61).substring(20) + "\n");
        append(log, 62, 65);
        // 2. A is killed mid-transaction: 61..65 were sent but never committed.
        a.poll(false);
        abandoned.add(a);

        // 3. Rename-and-recreate while nobody follows; the old writer still appends to the renamed file.
        Files.move(log, dir.resolve("chat.jsonl.1"));
        append(dir.resolve("chat.jsonl.1"), 66, 70);
        append(log, 71, 80);
        LogFollower b = follower(kafka, log);
        drain(b);

        // 4. Rename-and-recreate while following.
        append(log, 81, 83);
        drain(b);
        Files.move(log, dir.resolve("chat.jsonl.2"));
        append(dir.resolve("chat.jsonl.2"), 84, 85);
        append(log, 86, 88);
        drain(b);

        // 5. Copy-truncate while following: lines written before the copy are read from the copy.
        append(log, 89, 92);
        Files.copy(log, dir.resolve("chat.jsonl.3"), StandardCopyOption.REPLACE_EXISTING);
        Files.write(log, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
        append(log, 93, 95);
        drain(b);

        // 6. Clean restart.
        b.close();
        append(log, 96, 100);
        LogFollower c = follower(kafka, log);
        drain(c);

        // 7. Killed after a commit, then copy-truncate while down.
        abandoned.add(c);
        append(log, 101, 105);
        Files.copy(log, dir.resolve("chat.jsonl.4"), StandardCopyOption.REPLACE_EXISTING);
        Files.write(log, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
        append(log, 106, 110);
        LogFollower d = follower(kafka, log);
        drain(d);
        d.close();

        List<Prompt> prompts = kafka.prompts();
        List<String> expected = IntStream.rangeClosed(1, 110).mapToObj(LogFollowerTest::text).sorted().toList();
        List<String> got = prompts.stream().map(Prompt::getText).sorted().toList();
        List<String> missing = expected.stream().filter(t -> !got.contains(t)).toList();
        List<String> unexpected = got.stream().filter(t -> !expected.contains(t)).toList();
        assertTrue(missing.isEmpty() && unexpected.isEmpty(), () -> "missing " + missing + ", unexpected " + unexpected);
        assertEquals(expected.size(), got.size(), "no prompt twice");
        assertEquals(110, prompts.stream().map(Prompt::getId).collect(Collectors.toSet()).size());
        List<Response> responses = kafka.responses();
        assertEquals(19, responses.size(), "every fifth line that is JSON (not every 35th) carried a response");
        assertEquals(19, new HashSet<>(responses.stream().map(Response::getPromptId).toList()).size());
        assertTrue(kafka.deadLetters().isEmpty());
    }

    @Test
    void aFencedFollowerStops() throws Exception {
        IngestFixture kafka = new IngestFixture();
        Path log = dir.resolve("fenced.jsonl");
        append(log, 1, 3);
        LogFollower first = follower(kafka, log);
        abandoned.add(first);
        LogFollower second = follower(kafka, log);
        append(log, 4, 5);
        assertThrows(LogFollower.FencedException.class, first::pollOnce);
        drain(second);
        second.close();
        assertEquals(5, kafka.prompts().size());
    }

    @Test
    void directoryOfLogsWithBadAndOversizedLines() throws Exception {
        IngestFixture kafka = new IngestFixture();
        Path logs = Files.createDirectory(dir.resolve("logs"));
        Path one = logs.resolve("a.jsonl");
        Path two = logs.resolve("b.jsonl");
        appendRaw(one, line(1) + "\n{\"messages\": [broken\n" + "x".repeat(5000) + "\n" + line(2) + "\n");
        Files.write(two, new byte[] {'o', 'k', ' ', (byte) 0xff, '\n'});
        append(two, 3, 3);
        Files.writeString(logs.resolve("ignored.txt"), "not matched by the glob\n");
        IngestSummary summary = new IngestSummary();
        LogFollower f = new LogFollower(FollowSettings.of(logs, "dir-follower").withGlob("*.jsonl").withMaxLineBytes(1000),
                kafka.kafkaConfig, kafka.topics, new PromptPreparer(), summary);
        drain(f);
        append(two, 4, 4);
        drain(f);
        f.close();
        assertEquals(List.of(text(1), text(2), text(3), text(4)).stream().sorted().toList(),
                kafka.prompts().stream().map(Prompt::getText).sorted().toList());
        List<DeadLetter> dead = kafka.deadLetters();
        assertEquals(List.of("invalid_json", "invalid_utf8", "oversized_line"),
                dead.stream().map(DeadLetter::getErrorClass).sorted().toList());
        DeadLetter big = dead.stream().filter(d -> d.getErrorClass().equals("oversized_line")).findFirst().orElseThrow();
        assertEquals(1000, big.getOriginalValue().remaining());
        assertTrue(big.getSource().contains("a.jsonl@"), big.getSource());
        assertEquals(3, summary.deadLetterCount());
    }

    @org.junit.jupiter.api.AfterEach
    void closeAbandoned() {
        abandoned.forEach(f -> {
            try {
                f.close();
            } catch (RuntimeException e) {
                // fenced producers may complain on close; they were meant to die
            }
        });
    }
}
