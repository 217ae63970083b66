package io.triangulate.nlp.codebook;

import java.util.Locale;

/**
 * What a code describes. Journeys use phases and touchpoints; claims use themes; actions (what the
 * customer did), needs (what they wanted) and emotions (how they felt) describe journey steps.
 */
public enum Dimension {
  THEME,
  PHASE,
  TOUCHPOINT,
  ACTION,
  NEED,
  EMOTION;

  /** The name used in codebook files: lower case. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The name of the top-level codebook section listing codes of this dimension: {@code emotions}. */
  public String sectionName() {
    return yamlName() + "s";
  }

  /** Null when {@code value} names no dimension. */
  static Dimension fromYaml(String value) {
    for (Dimension d : values()) {
      if (d.yamlName().equals(value == null ? null : value.strip().toLowerCase(Locale.ROOT))) {
        return d;
      }
    }
    return null;
  }
}
