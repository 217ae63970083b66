package io.triangulate.nlp.codebook;

import java.util.List;

/**
 * One code of a codebook.
 *
 * @param include patterns any one of which assigns the code to a sentence
 * @param exclude patterns that veto the code in a sentence where they match
 */
public record Code(
    String id,
    Dimension dimension,
    String label,
    String description,
    List<CodePattern> include,
    List<CodePattern> exclude) {
  public Code {
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
  }
}
