package invthink.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private final Redactor redactor = new Redactor();

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            email        | write to jane.doe+news@example.co.uk today            | write to [EMAIL] today
            phone        | call me on (415) 555-2671 tonight                    | call me on [PHONE] tonight
            phone        | call me on 415-555-2671                              | call me on [PHONE]
            phone        | ring +44 20 7946 0958 please                         | ring [PHONE] please
            phone        | my number is +14155552671                            | my number is [PHONE]
            card         | card 4111 1111 1111 1111 exp 09/27                   | card [CARD] exp 09/27
            card         | card 5500-0000-0000-0004 declined                    | card [CARD] declined
            ssn          | my SSN is 123-45-6789                                | my SSN is [SSN]
            ipv4         | the server at 192.168.10.25 is down                  | the server at [IP] is down
            ipv6         | ping 2001:0db8:85a3:0000:0000:8a2e:0370:7334 now     | ping [IP] now
            ipv6         | bind to fe80::1ff:fe23:4567:890a please              | bind to [IP] please
            iban         | pay to GB82 WEST 1234 5698 7654 32 by friday         | pay to [IBAN] by friday
            iban         | IBAN DE89370400440532013000 ok                       | IBAN [IBAN] ok
            api_key      | my key sk-proj-abcdefghijklmnopqrstuvwx12 leaked      | my key [API_KEY] leaked
            api_key      | aws AKIAIOSFODNN7EXAMPLE creds                       | aws [API_KEY] creds
            api_key      | token ghp_abcdefghijklmnopqrstuvwxyz0123456789 here   | token [API_KEY] here
            api_key      | config password=hunter2!x and more                   | config password=[API_KEY] and more
            bearer_token | Authorization: Bearer abcDEF123456ghiJKL789.x         | Authorization: Bearer [TOKEN]
            """)
    void catchesEachKind(String kind, String input, String expected) {
        Redacted r = redactor.redact(input);
        assertEquals(expected, r.text());
        assertEquals(1, r.counts().get(kind), () -> "counts " + r.counts());
    }

    @Test
    void catchesPrivateKeyBlocks() {
        String text = "here is my key\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1234abcd+/==\nqwerty\n"
                + "-----END RSA PRIVATE KEY-----\nwhat is wrong with it?";
        Redacted r = redactor.redact(text);
        assertEquals("here is my key\n[PRIVATE_KEY]\nwhat is wrong with it?", r.text());
        assertEquals(Map.of("private_key", 1), r.counts());
    }

    @ParameterizedTest(name = "kept: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            where is my order 1234567812345678?
            order number ORD-2024-556677 has not arrived
            the meeting is on 2024-01-15 at 10:30:00
            we upgraded to version 1.2.3.4 yesterday
            see release v10.0.0.1 notes
            ISBN 978-3-16-148410-0 is the book
            follow @janedoe on the forum
            mail root@localhost for help
            the invoice total was 1,234,567.89 dollars
            call extension 4821 at the front desk
            it happened in 1999 and again in 2003
            IBAN-like code GB00 WEST 1234 5698 7654 32 with a bad check
            a password: at least eight letters long
            use std::vector and a::b in C++
            the ratio is 3:2:1 by weight
            placeholder card 0000 0000 0000 0000
            """)
    void keepsLookAlikes(String text) {
        Redacted r = redactor.redact(text);
        assertEquals(text, r.text());
        assertTrue(r.counts().isEmpty(), () -> "counts " + r.counts());
    }

    @Test
    void countsSeveralOfTheSameKind() {
        Redacted r = redactor.redact("a@example.com, b@example.org and 123-45-6789");
        assertEquals("[EMAIL], [EMAIL] and [SSN]", r.text());
        assertEquals(Map.of("email", 2, "ssn", 1), r.counts());
        assertEquals(3, r.total());
    }

    @Test
    void textWithoutPiiIsReturnedAsIs() {
        String text = "How do I bake bread?";
        assertFalse(text != redactor.redact(text).text());
    }
}
