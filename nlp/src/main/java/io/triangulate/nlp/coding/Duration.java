package io.triangulate.nlp.coding;

/**
 * A time span mentioned in text.
 *
 * @param text as written, with its preposition ("after about five months")
 * @param days length in days; months count 30 days, years 365
 * @param begin char offset of {@code text} in the searched string
 * @param end char offset just after {@code text}
 */
public record Duration(String text, int days, int begin, int end) {}
