package io.triangulate.nlp.qda;

/**
 * A code of a REFI-QDA codebook.
 *
 * @param guid the code's GUID
 * @param name its name as shown in the QDA program
 * @param parentGuid the enclosing code's GUID; null for a top-level code
 * @param description its description, or null
 * @param isCodable whether segments may be coded with it (false for pure grouping codes)
 */
public record QdaCode(String guid, String name, String parentGuid, String description, boolean isCodable) {}
