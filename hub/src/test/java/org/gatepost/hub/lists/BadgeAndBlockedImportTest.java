package org.gatepost.hub.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BadgeAndBlockedImportTest {
    private static final String BADGES = """
            姓名,证件号,角色,电话
            王芳,110105198001010016,志愿者,13800000000
            赵强,A1B2C3D4,工作人员,
            孙丽,110105198001010017,志愿者,
            钱明,A1B2C3D4,volunteer,
            周杰,C9,志愿者,
            吴敏,440524188001010014,主任,
            """;
    private static final String BLOCKED = """
            户,原因
            7-1-101,拒不配合
            ７-1-102,
            ,
            7-1-101,重复
            """;
    private final CredentialHasher hasher = new CredentialHasher(IdNumbersTest.EXAMPLE_SECRET);
    private final BadgeImport badges = new BadgeImport(hasher);
    private final BlockedImport blocked = new BlockedImport();

    @Test
    void readsAGbkBadgesFileHashingEachNumberAndReportingEachBadRow() throws Exception {
        ImportReport r = badges.read(ImportFiles.gbk(BADGES), Optional.empty());

        assertEquals("GBK", r.encoding());
        assertEquals(6, r.rows());
        assertEquals(2, r.items().size());
        ObjectNode first = r.items().getFirst();
        assertEquals(
                "5928f9e5e4afaef078f772d3bd93bc75845ad4d901be275dbd42828c11267e24",
                first.get("hash").textValue(),
                "the hash of the badge in docs/contract/lists-badges.json");
        assertEquals("110105************", first.get("masked").textValue());
        assertEquals("王芳", first.get("name").textValue());
        assertEquals("volunteer", first.get("role").textValue());
        assertEquals(hasher.hash("A1B2C3D4"), r.items().get(1).get("hash").textValue());
        assertEquals("staff", r.items().get(1).get("role").textValue());
        assertEquals(
                List.of(
                        new RowError(
                                4, "number", "check character does not match (ISO 7064 MOD 11-2): a digit is mistyped"),
                        new RowError(5, "number", "the same badge number as row 3"),
                        new RowError(
                                6,
                                "number",
                                "must be an ID number or a card number of 4 to 32 letters and digits"
                                        + " (2 characters given)"),
                        new RowError(7, "role", "must be staff (工作人员) or volunteer (志愿者)")),
                r.errors());
        assertEquals(List.of("电话"), r.ignoredColumns());
    }

    @Test
    void readsTheBadgesFileInUtf8WithAndWithoutAByteOrderMarkAndEnglishHeaders() throws Exception {
        ImportReport gbk = badges.read(ImportFiles.gbk(BADGES), Optional.empty());
        ImportReport plain = badges.read(ImportFiles.utf8(BADGES), Optional.empty());
        ImportReport bom = badges.read(ImportFiles.utf8WithBom(BADGES), Optional.of("utf-8"));
        ImportReport english =
                badges.read(ImportFiles.utf8("Role,Name,Number\nstaff,Zhao,a1b2c3d4\n"), Optional.empty());

        assertEquals("UTF-8", plain.encoding());
        assertEquals(gbk.items(), plain.items());
        assertEquals(gbk.items(), bom.items());
        assertEquals(gbk.errors(), bom.errors());
        assertEquals(List.of(), english.errors());
        assertEquals(
                hasher.hash("A1B2C3D4"), english.items().getFirst().get("hash").textValue());
    }

    @Test
    void neverKeepsABadgeNumberInItemsOrErrors() throws Exception {
        ImportReport r = badges.read(ImportFiles.gbk(BADGES), Optional.empty());
        String all = r.items().toString() + r.errors();

        for (String number : List.of("110105198001010016", "A1B2C3D4", "110105198001010017", "440524188001010014")) {
            assertFalse(all.contains(number), number);
        }
    }

    @Test
    void reportsMissingBadgeColumnsOnTheHeaderRow() throws Exception {
        ImportReport r = badges.read(ImportFiles.utf8("姓名\n王芳\n"), Optional.empty());

        assertFalse(r.headerOk());
        assertEquals(
                List.of("number", "role"),
                r.errors().stream().map(RowError::column).toList());
    }

    @Test
    void readsABlockedHouseholdsFileInBothEncodingsNormalisingAndReportingBadRows() throws Exception {
        for (byte[] file :
                List.of(ImportFiles.gbk(BLOCKED), ImportFiles.utf8(BLOCKED), ImportFiles.utf8WithBom(BLOCKED))) {
            ImportReport r = blocked.read(file, Optional.empty());

            assertEquals(4, r.rows());
            assertEquals(
                    List.of("7-1-101", "7-1-102"),
                    r.items().stream().map(n -> n.get("household").textValue()).toList());
            assertEquals(
                    List.of(
                            new RowError(4, "household", "is empty"),
                            new RowError(5, "household", "already listed in row 2")),
                    r.errors());
            assertEquals(List.of("原因"), r.ignoredColumns());
        }
    }

    @Test
    void aBlockedFileWithoutAHouseholdColumnIsRefusedOnTheHeader() throws Exception {
        ImportReport r = blocked.read(ImportFiles.utf8("name\n7-1-101\n"), Optional.empty());

        assertFalse(r.headerOk());
        assertTrue(r.items().isEmpty());
    }
}
