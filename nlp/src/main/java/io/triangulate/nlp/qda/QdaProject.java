package io.triangulate.nlp.qda;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A REFI-QDA project (or, with no sources, a codebook) as plain data.
 *
 * @param name the project name; null for a codebook
 * @param origin the program that wrote it (e.g. "ATLAS.ti 8.4.0"), or null
 * @param users user GUID → name
 * @param codes every code, parents before children, in document order
 */
public record QdaProject(
    String name, String origin, Map<String, String> users, List<QdaCode> codes, List<QdaSource> sources,
    List<QdaCoding> codings) {
  public QdaProject {
    users = Map.copyOf(users);
    codes = List.copyOf(codes);
    sources = List.copyOf(sources);
    codings = List.copyOf(codings);
  }

  public Optional<QdaCode> code(String guid) {
    return codes.stream().filter(c -> c.guid().equals(guid)).findFirst();
  }

  public Optional<QdaSource> source(String guid) {
    return sources.stream().filter(s -> s.guid().equals(guid)).findFirst();
  }

  /** Code GUID → code. */
  public Map<String, QdaCode> codesByGuid() {
    return codes.stream().collect(Collectors.toMap(QdaCode::guid, Function.identity()));
  }

  /** Path of names from the top-level code down, e.g. {@code theme/product_abandonment}. */
  public String codePath(String guid) {
    Map<String, QdaCode> byGuid = codesByGuid();
    StringBuilder path = new StringBuilder();
    QdaCode code = byGuid.get(guid);
    int depth = 0;
    while (code != null && depth++ < 100) {
      path.insert(0, path.length() == 0 ? code.name() : code.name() + "/");
      code = code.parentGuid() == null ? null : byGuid.get(code.parentGuid());
    }
    return path.toString();
  }
}
