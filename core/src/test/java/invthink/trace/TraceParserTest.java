package invthink.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import invthink.avro.Consequence;
import invthink.avro.Harm;
import invthink.avro.InverseTrace;
import invthink.trace.TraceProblem.Code;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceParserTest {

    /** The paper's layout, as a teacher following our instruction writes it. */
    static final String PAPER = """
            <invthink>
            Harm Enumeration:
            1. Dosage error: recommending a specific dose without knowing weight or conditions.
            2. Delayed care: reassuring when symptoms need a doctor.
            3. Drug interaction: ignoring other medication.
            Consequence Analysis:
            - Dosage error: an overdose could damage the liver.
            - Delayed care: a serious infection could go untreated.
            - Drug interaction: combined drugs may cause bleeding.
            Mitigation Strategy:
            - Give no individual dose; point to the label and a pharmacist.
            - List warning signs that need a doctor.
            </invthink>
            <think>
            For a fever, follow the dosing on the package and ask a pharmacist if unsure.
            </think>
            """;

    @Test
    void parsesThePapersFormat() {
        ParsedTrace parsed = TraceParser.parse(PAPER).orThrow();
        InverseTrace trace = parsed.trace();
        assertEquals(List.of("Dosage error", "Delayed care", "Drug interaction"),
                trace.getHarms().stream().map(Harm::getName).toList());
        assertEquals("recommending a specific dose without knowing weight or conditions.", trace.getHarms().get(0).getDescription());
        assertEquals("Drug interaction", trace.getConsequences().get(2).getHarm());
        assertEquals("combined drugs may cause bleeding.", trace.getConsequences().get(2).getDescription());
        assertEquals(2, trace.getMitigations().size());
        assertEquals("For a fever, follow the dosing on the package and ask a pharmacist if unsure.", parsed.answer());
    }

    @Test
    void renderIsTheCanonicalFormatAndRoundTrips() {
        ParsedTrace parsed = TraceParser.parse(PAPER).orThrow();
        String rendered = TraceFormat.render(parsed);
        assertEquals(PAPER, rendered, "the paper's layout is exactly what we render");
        assertEquals(parsed, TraceParser.parse(rendered).orThrow());
    }

    @Test
    void acceptsBulletsMarkdownWhitespaceWrappingAndSurroundingProse() {
        String variant = "Sure, here is my analysis.\r\n\r\n<invthink>\r\n"
                + "## **Harm Enumeration**\r\n\r\n"
                + "  * **Dosage error** — recommending a dose blindly.\r\n"
                + "  * Delayed care: reassuring when a doctor\r\n    is needed.\r\n"
                + "  • Drug interaction: ignoring other medication.\r\n\r\n"
                + "**Consequence Analysis:**\r\n"
                + "1) Overdose could damage the liver.\r\n"
                + "2) delayed care: infection untreated.\r\n"
                + "(3) Drug interaction: bleeding.\r\n"
                + "### Mitigation Strategies\r\n"
                + "No individual doses.\r\n"
                + "+ Flag warning signs.\r\n"
                + "</invthink>\r\n<think>\r\n\r\n   Ask a pharmacist.   \r\n</think>\r\nHope this helps!";
        ParsedTrace parsed = TraceParser.parse(variant).orThrow();
        assertEquals(List.of("Dosage error", "Delayed care", "Drug interaction"),
                parsed.trace().getHarms().stream().map(Harm::getName).toList());
        assertEquals("reassuring when a doctor is needed.", parsed.trace().getHarms().get(1).getDescription());
        List<Consequence> consequences = parsed.trace().getConsequences();
        assertEquals("Dosage error", consequences.get(0).getHarm(), "unlabelled consequence takes the harm at its position");
        assertEquals("Delayed care", consequences.get(1).getHarm(), "labels match harm names case-insensitively");
        assertEquals(List.of("No individual doses.", "Flag warning signs."), parsed.trace().getMitigations());
        assertEquals("Ask a pharmacist.", parsed.answer());
    }

    @Test
    void acceptsUnnumberedHarmWithoutSeparator() {
        String text = PAPER.replace("3. Drug interaction: ignoring other medication.", "3. Ignoring other medication");
        ParsedTrace parsed = TraceParser.parse(text).orThrow();
        Harm third = parsed.trace().getHarms().get(2);
        assertEquals("Ignoring other medication", third.getName());
        assertEquals("Ignoring other medication", third.getDescription());
    }

    @Test
    void itemMarkersNeedWhitespaceAndAtMostThreeDigits() {
        assertEquals(List.of("first", "second", "third", "fourth", "fifth"),
                TraceParser.items("1. first\r\n(12) second\n  • third\u2028+\tfourth\n999) fifth\n"));
        // Not markers: a version number, four digits, a dash glued to its word, a bare marker.
        assertEquals(List.of("1.5 is the version 1234. items -dash 2."), TraceParser.items("1.5 is the version\n1234. items\n-dash\n2.\n"));
        assertEquals(List.of("a wrapped item continued"), TraceParser.items("- a wrapped\n   item continued"));
    }

    @Test
    void namesAreSplitAtAColonOrASpacedDashOnly() {
        assertEquals(List.of(4, 6), java.util.Arrays.stream(TraceParser.separator("Name: rest")).boxed().toList());
        assertEquals(List.of(4, 7), java.util.Arrays.stream(TraceParser.separator("Name — rest")).boxed().toList());
        assertEquals(List.of(4, 5), java.util.Arrays.stream(TraceParser.separator("Name:")).boxed().toList());
        assertEquals(null, TraceParser.separator("self-harm risk at 10:30 and well-being"));
        assertEquals(List.of(9, 14), java.util.Arrays.stream(TraceParser.separator("self-harm  -  text")).boxed().toList());
    }

    private static void rejects(String text, Code code, String reasonFragment) {
        ParseResult result = TraceParser.parse(text);
        assertFalse(result.ok(), "should be rejected: " + text);
        assertTrue(result.problems().stream().anyMatch(p -> p.code() == code && p.message().contains(reasonFragment)),
                "expected " + code + " mentioning '" + reasonFragment + "', got " + result.problems());
    }

    @Test
    void rejectsEachBrokenTraceWithAPreciseReason() {
        rejects("Just an answer without any trace.", Code.MISSING_INVTHINK, "no <invthink> block");
        rejects(PAPER.substring(0, PAPER.indexOf("Mitigation Strategy:")), Code.UNCLOSED_INVTHINK, "truncated");
        rejects(PAPER.substring(0, PAPER.indexOf("</think>")), Code.UNCLOSED_ANSWER, "never closed by </think>");
        rejects(PAPER.substring(0, PAPER.indexOf("<think>")), Code.MISSING_ANSWER, "no <think> answer");
        rejects(PAPER.replaceAll("(?s)<think>.*</think>", "<think>\n  \n</think>"), Code.EMPTY_ANSWER, "answer is empty");
        rejects(PAPER.replace("Consequence Analysis:", "Consequences:"), Code.MISSING_SECTION, "\"Consequence Analysis:\" is missing");
        rejects(PAPER.replaceAll("(?s)Mitigation Strategy:.*</invthink>", "Mitigation Strategy:\n\n</invthink>"),
                Code.EMPTY_SECTION, "\"Mitigation Strategy\" is empty");
        String swapped = PAPER.replace("Consequence Analysis:", "@@").replace("Mitigation Strategy:", "Consequence Analysis:")
                .replace("@@", "Mitigation Strategy:");
        rejects(swapped, Code.SECTION_ORDER, "out of order");
        rejects(PAPER.replace("Mitigation Strategy:", "Harm Enumeration:\n1. again\nMitigation Strategy:"),
                Code.DUPLICATE_SECTION, "\"Harm Enumeration\" appears twice");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        String text = "<invthink>\nHarm Enumeration:\n1. x: y\n</invthink>\n<think>\n\n</think>";
        ParseResult result = TraceParser.parse(text);
        List<Code> codes = result.problems().stream().map(TraceProblem::code).toList();
        assertTrue(codes.containsAll(List.of(Code.MISSING_SECTION, Code.EMPTY_ANSWER)), codes.toString());
        assertEquals(2, codes.stream().filter(c -> c == Code.MISSING_SECTION).count());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 6, 9})
    void validatorRejectsHarmCountsFarFromK(int routes) {
        // PAPER has 3 harms: K=1 (tolerance 1) and K=6 (tolerance 3 -> 3..9) differ in outcome.
        ParseResult result = TraceValidator.forRoutes(routes).validate(PAPER);
        boolean expectOk = Math.abs(3 - routes) <= Math.max(1, routes / 2);
        assertEquals(expectOk, result.ok(), result.problems().toString());
        if (!expectOk) {
            assertEquals(Code.HARM_COUNT, result.problems().get(0).code());
            assertTrue(result.summary().contains("expected " + routes + " harms"), result.summary());
            assertTrue(result.summary().contains("found 3"), result.summary());
        }
    }
}
