package org.gatepost.agent.device.idcard;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;

/**
 * One successful read of a resident ID card, as the driver delivers it: only what a gate decision could
 * need. The address, the issuing authority and the photo are dropped at the reader.
 *
 * <p>{@code idNumber} is the full number, upper case, with a valid check character. It lives in memory only:
 * the consumer derives the keyed hash and the masked form and drops this object. {@link #toString()} masks
 * the number and the name; nothing that builds this record puts the number in a message.
 *
 * @param idNumber   the full 18-character ID number (never log it; use {@link #masked()})
 * @param name       the name as printed on the card
 * @param gender     from the card's gender code
 * @param birth      date of birth
 * @param validUntil last day of validity, or null for a long-term (长期) card; see {@link #longTerm()}
 * @param at         when the read completed, from the driver's clock
 */
public record CardRead(String idNumber, String name, Gender gender, LocalDate birth, LocalDate validUntil, Instant at) {

    public enum Gender {
        UNKNOWN,
        MALE,
        FEMALE,
        UNSPECIFIED;

        static Gender ofCode(String code) {
            return switch (code) {
                case "1" -> MALE;
                case "2" -> FEMALE;
                case "9" -> UNSPECIFIED;
                default -> UNKNOWN;
            };
        }
    }

    private static final DateTimeFormatter CARD_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    public CardRead {
        Objects.requireNonNull(idNumber, "idNumber");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(gender, "gender");
        Objects.requireNonNull(birth, "birth");
        Objects.requireNonNull(at, "at");
    }

    /**
     * Validates the decoded text of a card and keeps what a decision needs.
     *
     * @throws SamProtocolException {@code bad-id-format}, {@code bad-check-digit}, {@code bad-birth-date} or
     *                              {@code bad-valid-until}; the message is the reason alone
     */
    public static CardRead from(IdCardText.Fields card, Instant at) throws SamProtocolException {
        String id = card.idNumber().toUpperCase(Locale.ROOT);
        if (!IdNumbers.wellFormed(id)) {
            throw new SamProtocolException("bad-id-format");
        }
        if (!IdNumbers.checkDigitValid(id)) {
            throw new SamProtocolException("bad-check-digit");
        }
        LocalDate birth = date(card.birth(), "bad-birth-date");
        LocalDate until =
                IdCardText.LONG_TERM.equals(card.validUntil()) ? null : date(card.validUntil(), "bad-valid-until");
        return new CardRead(id, card.name(), Gender.ofCode(card.gender()), birth, until, at);
    }

    /** The number as shown to operators, e.g. {@code 110105********002X}. */
    public String masked() {
        return IdNumbers.mask(idNumber);
    }

    /** True for a card valid for life (长期). */
    public boolean longTerm() {
        return validUntil == null;
    }

    /** True if the card's validity ended before {@code day}. */
    public boolean expiredOn(LocalDate day) {
        return validUntil != null && validUntil.isBefore(day);
    }

    @Override
    public String toString() {
        return "CardRead[idNumber=" + masked() + ", name=" + maskName(name) + ", gender=" + gender + ", birth="
                + birth.getYear() + ", validUntil=" + (longTerm() ? "long-term" : validUntil) + ", at=" + at + "]";
    }

    /** The first character of a name and a {@code *} for each other one. */
    static String maskName(String name) {
        if (name.isEmpty()) {
            return name;
        }
        int first = name.offsetByCodePoints(0, 1);
        return name.substring(0, first) + "*".repeat(name.codePointCount(first, name.length()));
    }

    private static LocalDate date(String text, String reason) throws SamProtocolException {
        try {
            return LocalDate.parse(text, CARD_DATE);
        } catch (DateTimeParseException e) {
            throw new SamProtocolException(reason);
        }
    }
}
