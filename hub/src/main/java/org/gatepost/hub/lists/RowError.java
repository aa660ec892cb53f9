package org.gatepost.hub.lists;

/**
 * One problem with one row of an imported file.
 *
 * @param row     the spreadsheet row number (1 is the header)
 * @param column  the column's canonical name ({@code id_number}, {@code name}, …), or null for the whole row
 * @param problem what is wrong; never contains the full ID number
 */
public record RowError(int row, String column, String problem) {}
