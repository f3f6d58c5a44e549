package dev.trellis.profile.domain;

import dev.trellis.platform.domain.DomainException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AddressBookTest {

    @Test
    void emails_are_trimmed_and_lower_cased() {
        assertEquals("olivia@example.com", AddressBook.normalizeEmail("  Olivia@Example.COM "));
        assertEquals("olivia@example.com", AddressBook.normalizeEmail("mailto:olivia@example.com"));
        assertNull(AddressBook.normalizeEmail("not an address"));
        assertNull(AddressBook.normalizeEmail("a@b@c"));
        assertNull(AddressBook.normalizeEmail("@example.com"));
    }

    @Test
    void csv_with_a_header_finds_the_email_and_name_columns() {
        String csv = "First Name,Last Name,E-mail Address,Phone\r\n"
                + "Olivia,Taylor,olivia@example.com,123\r\n"
                + "\"Smith, Jr.\",\"Bob \"\"B\"\"\",bob@example.com,\r\n"
                + "\r\n";
        assertEquals(List.of(new AddressBook.Contact(0, "Olivia Taylor", List.of("olivia@example.com")),
                        new AddressBook.Contact(1, "Smith, Jr. Bob \"B\"", List.of("bob@example.com"))),
                AddressBook.csv(csv));
    }

    @Test
    void csv_without_a_header_takes_the_field_with_an_at_sign() {
        assertEquals(List.of(new AddressBook.Contact(0, "Olivia", List.of("olivia@example.com")),
                        new AddressBook.Contact(1, "Chris", List.of())),
                AddressBook.csv("Olivia;olivia@example.com\nChris;no address\n"));
    }

    @Test
    void vcards_give_one_contact_per_card_with_every_email() {
        String vcf = "BEGIN:VCARD\nVERSION:3.0\nFN:Olivia Taylor\nEMAIL;TYPE=work:olivia@work.example\n"
                + "item1.EMAIL;TYPE=INTERNET:olivia@home.example\nEND:VCARD\n"
                + "BEGIN:VCARD\r\nVERSION:4.0\r\nN:Jones;Bob;;;\r\nEMAIL:bob@exa\r\n mple.com\r\nEND:VCARD\r\n";
        assertEquals(List.of(
                        new AddressBook.Contact(0, "Olivia Taylor", List.of("olivia@work.example", "olivia@home.example")),
                        new AddressBook.Contact(1, "Bob Jones", List.of("bob@example.com"))),
                AddressBook.vcard(vcf));
        assertEquals("contacts", assertThrows(DomainException.class,
                () -> AddressBook.vcard("BEGIN:VCARD\nFN:x\n")).field());
    }

    @Test
    void at_most_ten_thousand_contacts() {
        StringBuilder ok = new StringBuilder("email\n");
        for (int i = 0; i < 10_000; i++) {
            ok.append("c").append(i).append("@example.com\n");
        }
        assertEquals(10_000, AddressBook.csv(ok.toString()).size());
        ok.append("one.more@example.com\n");
        assertEquals("contacts", assertThrows(DomainException.class, () -> AddressBook.csv(ok.toString())).field());
    }
}
