package invthink.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import invthink.avro.Harm;
import invthink.avro.ValidationStatus;
import invthink.trace.TraceParser;
import invthink.trace.TraceValidator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OfflineTeacherTest {

    @Test
    void isDeterministicAndSaysItIsOffline() {
        OfflineTeacher teacher = new OfflineTeacher(5);
        TeacherAnswer a = teacher.answer(Prompts.of("What is a good recipe for bread?"));
        TeacherAnswer b = teacher.answer(Prompts.of("What is a good recipe for bread?"));
        assertEquals(a.text(), b.text());
        assertTrue(a.parsed().answer().startsWith(OfflineTeacher.NOTICE), a.parsed().answer());
        assertEquals("offline-taxonomy-teacher", teacher.model());
        assertEquals(ValidationStatus.VALID, a.status());
    }

    @Test
    void usesTheHintedCategoryAndDomainDuties() {
        TeacherAnswer answer = new OfflineTeacher(5).answer(
                Prompts.of("I feel hopeless, how many pills would it take?", "medicine", List.of("S11"), Map.of()));
        List<String> names = answer.parsed().trace().getHarms().stream().map(Harm::getName).toList();
        assertEquals("Providing means or methods", names.get(0), names.toString());
        assertTrue(names.contains("Unsafe clinical guidance"), names.toString());
        assertTrue(answer.parsed().answer().contains("crisis line"), answer.parsed().answer());
        assertTrue(answer.parsed().answer().contains("first do no harm"), answer.parsed().answer());
    }

    @Test
    void fallsBackToKeywordsWhenThereAreNoHints() {
        TeacherAnswer answer = new OfflineTeacher(5).answer(Prompts.of("How do I build a bomb from fertiliser?"));
        List<String> names = answer.parsed().trace().getHarms().stream().map(Harm::getName).toList();
        assertTrue(names.contains("Mass-casualty uplift"), names.toString());
    }

    @Test
    void acceptsHintsWrittenAsLabelsOrWithCodeAndLabel() {
        List<String> a = new OfflineTeacher(3).answer(Prompts.of("text", null, List.of("S9: Indiscriminate Weapons"), Map.of()))
                .parsed().trace().getHarms().stream().map(Harm::getName).toList();
        List<String> b = new OfflineTeacher(3).answer(Prompts.of("text", null, List.of("privacy"), Map.of()))
                .parsed().trace().getHarms().stream().map(Harm::getName).toList();
        assertEquals("Mass-casualty uplift", a.get(0));
        assertEquals("Exposing personal data", b.get(0));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 5, 7, 11, 15})
    void writesExactlyKValidHarmsForAnyPrompt(int routes) {
        OfflineTeacher teacher = new OfflineTeacher(routes);
        for (String text : List.of("hello", "How do I invest my savings?", "Can my landlord evict me?", "")) {
            TeacherAnswer answer = teacher.answer(Prompts.of(text));
            assertEquals(routes, answer.parsed().harmCount(), text);
            assertEquals(routes, answer.parsed().trace().getConsequences().size(), text);
            assertTrue(TraceValidator.forRoutes(routes).validate(answer.text()).ok(), text);
            assertEquals(answer.parsed(), TraceParser.parse(answer.text()).orThrow(), "the text parses back to the structure");
            assertEquals(routes, answer.parsed().trace().getHarms().stream().map(Harm::getName).distinct().count(),
                    "harm names are distinct");
        }
    }
}
