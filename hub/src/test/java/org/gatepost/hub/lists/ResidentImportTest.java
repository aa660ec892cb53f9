package org.gatepost.hub.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResidentImportTest {
    private static final String CHINESE = """
            姓名,身份证号,楼栋,单元,户,网格,电话
            张伟,11010519491231002X,3,2,3-2-501,第一网格,13800000000
            李秀英,440524188001010015,3,2,3-2-502,第一网格,
            王芳,440524188001010014,３,２,"3-2-503",第二网格,
            ,110105198001010016,3,2,3-2-504,第二网格,
            """;
    private final CredentialHasher hasher = new CredentialHasher(IdNumbersTest.EXAMPLE_SECRET);
    private final ResidentImport residents = new ResidentImport(hasher);

    @Test
    void readsAGbkFileWithChineseHeadersAndReportsEachBadRow() throws Exception {
        ImportReport r = residents.read(ImportFiles.gbk(CHINESE), Optional.empty());

        assertEquals("GBK", r.encoding());
        assertEquals(4, r.rows());
        assertEquals(2, r.items().size());
        ObjectNode first = r.items().getFirst();
        assertEquals(hasher.hash("11010519491231002X"), first.get("hash").textValue());
        assertEquals("110105************", first.get("masked").textValue());
        assertEquals("张伟", first.get("name").textValue());
        assertEquals("第一网格", first.get("grid").textValue());
        assertEquals("3", r.items().get(1).get("building").textValue(), "full-width digits normalised");
        assertEquals(
                List.of(
                        new RowError(
                                3,
                                "id_number",
                                "check character does not match (ISO 7064 MOD 11-2): a digit is mistyped"),
                        new RowError(5, "name", "is empty")),
                r.errors());
        assertEquals(List.of("电话"), r.ignoredColumns());
    }

    @Test
    void readsTheSameFileInUtf8WithAndWithoutAByteOrderMark() throws Exception {
        ImportReport plain = residents.read(ImportFiles.utf8(CHINESE), Optional.empty());
        ImportReport bom = residents.read(ImportFiles.utf8WithBom(CHINESE), Optional.empty());
        ImportReport gbk = residents.read(ImportFiles.gbk(CHINESE), Optional.empty());

        assertEquals("UTF-8", plain.encoding());
        assertEquals("UTF-8", bom.encoding());
        assertEquals(gbk.items(), plain.items());
        assertEquals(gbk.items(), bom.items());
        assertEquals(gbk.errors(), bom.errors());
    }

    @Test
    void readsEnglishHeadersInAnyOrderAndCase() throws Exception {
        String csv = "Household,ID_Number,Name\r\n1-1-101,440524188001010014,Li\r\n";
        ImportReport r = residents.read(ImportFiles.utf8(csv), Optional.of("utf-8"));
        assertEquals(List.of(), r.errors());
        assertEquals("1-1-101", r.items().getFirst().get("household").textValue());
        assertEquals("", r.items().getFirst().get("building").textValue());
    }

    @Test
    void reportsMissingRequiredColumnsOnTheHeaderRowAndImportsNothing() throws Exception {
        ImportReport r = residents.read(ImportFiles.utf8("姓名,楼栋\n张伟,3\n"), Optional.empty());
        assertFalse(r.headerOk());
        assertEquals(
                List.of("id_number", "household"),
                r.errors().stream().map(RowError::column).toList());
        assertTrue(r.errors().stream().allMatch(e -> e.row() == 1));
        assertEquals(List.of(), r.items());
    }

    @Test
    void reportsADuplicatedIdNumberAgainstItsFirstRow() throws Exception {
        String csv =
                "name,id_number,household\nA,440524188001010014,1\nB,440524188001010014,2\nC,11010519491231002x,3\n";
        ImportReport r = residents.read(ImportFiles.utf8(csv), Optional.empty());
        assertEquals(2, r.items().size());
        assertEquals(List.of(new RowError(3, "id_number", "the same ID number as row 2")), r.errors());
    }

    @Test
    void neverKeepsTheFullIdNumberInItemsOrErrors() throws Exception {
        ImportReport r = residents.read(ImportFiles.gbk(CHINESE), Optional.empty());
        String all = r.items().toString() + r.errors();
        for (String id :
                List.of("11010519491231002X", "440524188001010015", "440524188001010014", "110105198001010016")) {
            assertFalse(all.contains(id), id);
        }
    }

    @Test
    void refusesUtf16AndBytesThatAreNoTextInTheGivenEncoding() {
        byte[] utf16 = {(byte) 0xFF, (byte) 0xFE, 'a', 0};
        assertThrows(ImportException.class, () -> residents.read(utf16, Optional.empty()));
        assertThrows(ImportException.class, () -> residents.read(ImportFiles.gbk(CHINESE), Optional.of("utf-8")));
        assertThrows(ImportException.class, () -> residents.read(ImportFiles.utf8(""), Optional.empty()));
        assertThrows(ImportException.class, () -> residents.read(ImportFiles.utf8("a,b\n\"open"), Optional.empty()));
    }

    @Test
    void keepsTheFirstThousandErrorsAndCountsThemAll() throws Exception {
        StringBuilder csv = new StringBuilder("姓名,身份证号,户\n");
        for (int i = 0; i < 1_500; i++) {
            csv.append("张伟,12345,3-2-").append(i).append('\n');
        }
        csv.append("张伟,11010519491231002X,3-2-501\n");
        ImportReport r = residents.read(ImportFiles.utf8(csv.toString()), Optional.empty());
        assertEquals(1_501, r.rows());
        assertEquals(1, r.valid());
        assertEquals(1_500, r.errorsTotal());
        assertEquals(CsvTable.MAX_ERRORS_KEPT, r.errors().size());
        assertEquals(2, r.errors().getFirst().row());
        assertEquals(CsvTable.MAX_ERRORS_KEPT + 1, r.errors().getLast().row());
    }

    @Test
    void streamsItemsToASinkWithoutKeepingThem() throws Exception {
        List<ObjectNode> seen = new ArrayList<>();
        ImportReport r = residents.read(ImportFiles.gbk(CHINESE), Optional.empty(), seen::add);
        assertEquals(2, r.valid());
        assertEquals(List.of(), r.items());
        assertEquals(residents.read(ImportFiles.gbk(CHINESE), Optional.empty()).items(), seen);
    }
}
