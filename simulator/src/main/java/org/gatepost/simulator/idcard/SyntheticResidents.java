package org.gatepost.simulator.idcard;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.gatepost.agent.device.idcard.IdCardText;
import org.gatepost.agent.device.idcard.IdNumbers;

/**
 * Made-up residents for the emulator: plausible names, addresses and authorities, and ID numbers with a correct
 * check character whose birth date matches the card's and whose 17th digit matches the gender (odd male,
 * even female). Validity follows the issuing rules by age at issue (5, 10, 20 years, or 长期 from 46 on).
 * Deterministic for a seeded generator. Not thread safe.
 */
public final class SyntheticResidents {
    private static final DateTimeFormatter CARD_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final LocalDate OLDEST = LocalDate.of(1940, 1, 1);
    private static final LocalDate YOUNGEST = LocalDate.of(2010, 12, 31);
    private static final LocalDate FIRST_ISSUE = LocalDate.of(2005, 1, 1);
    private static final LocalDate LAST_ISSUE = LocalDate.of(2024, 12, 31);

    private record Area(String code, String place, String authority) {}

    private static final List<Area> AREAS = List.of(
            new Area("110105", "北京市朝阳区", "北京市公安局朝阳分局"),
            new Area("310115", "上海市浦东新区", "上海市公安局浦东分局"),
            new Area("440305", "广东省深圳市南山区", "深圳市公安局南山分局"),
            new Area("510107", "四川省成都市武侯区", "成都市公安局武侯区分局"),
            new Area("330106", "浙江省杭州市西湖区", "杭州市公安局西湖区分局"),
            new Area("420106", "湖北省武汉市武昌区", "武汉市公安局武昌分局"));
    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
    private static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华";
    private static final List<String> STREETS = List.of("人民路", "解放路", "建设路", "中山路", "和平街", "幸福里", "示例路");

    private final RandomGenerator random;

    public SyntheticResidents(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The next resident's card text. */
    public IdCardText.Fields next() {
        Area area = AREAS.get(random.nextInt(AREAS.size()));
        boolean male = random.nextBoolean();
        LocalDate birth = OLDEST.plusDays(random.nextLong(ChronoUnit.DAYS.between(OLDEST, YOUNGEST) + 1));
        int genderDigit = random.nextInt(5) * 2 + (male ? 1 : 0); // the 17th digit: odd male, even female
        String first17 =
                area.code() + birth.format(CARD_DATE) + String.format("%02d%d", random.nextInt(100), genderDigit);
        String id = first17 + IdNumbers.checkCharacter(first17);

        LocalDate earliest = birth.plusYears(1).isAfter(FIRST_ISSUE) ? birth.plusYears(1) : FIRST_ISSUE;
        if (earliest.isAfter(LAST_ISSUE)) {
            earliest = LAST_ISSUE;
        }
        LocalDate issued = earliest.plusDays(random.nextLong(ChronoUnit.DAYS.between(earliest, LAST_ISSUE) + 1));
        String address = area.place() + STREETS.get(random.nextInt(STREETS.size())) + (1 + random.nextInt(300)) + "号";
        return new IdCardText.Fields(
                name(),
                male ? "1" : "2",
                nation(),
                birth.format(CARD_DATE),
                address,
                id,
                area.authority(),
                issued.format(CARD_DATE),
                validUntil(birth, issued));
    }

    private String name() {
        StringBuilder sb = new StringBuilder().append(SURNAMES.charAt(random.nextInt(SURNAMES.length())));
        int given = 1 + random.nextInt(2);
        for (int i = 0; i < given; i++) {
            sb.append(GIVEN.charAt(random.nextInt(GIVEN.length())));
        }
        return sb.toString();
    }

    private String nation() {
        return random.nextInt(10) < 9 ? "01" : String.format("%02d", 2 + random.nextInt(55)); // mostly Han (01)
    }

    private static String validUntil(LocalDate birth, LocalDate issued) {
        long age = ChronoUnit.YEARS.between(birth, issued);
        if (age >= 46) {
            return IdCardText.LONG_TERM;
        }
        int years = age < 16 ? 5 : age <= 25 ? 10 : 20;
        return issued.plusYears(years).format(CARD_DATE);
    }
}
