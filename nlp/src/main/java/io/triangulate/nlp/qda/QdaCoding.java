package io.triangulate.nlp.qda;

/**
 * One coding: a code applied to a selection of a source.
 *
 * @param guid the coding's GUID
 * @param codeGuid the code applied
 * @param sourceGuid the source the selection belongs to
 * @param selectionGuid the selection's GUID
 * @param selectionKind PlainTextSelection, PDFSelection, PictureSelection, AudioSelection, VideoSelection
 * @param startPosition first character of a plain-text selection (Unicode code points from the start
 *     of the source's plain text, as REFI-QDA counts); null for other selections
 * @param endPosition position just after the selection; null for other selections
 * @param creatingUser GUID of the user who coded it, or null
 */
public record QdaCoding(
    String guid,
    String codeGuid,
    String sourceGuid,
    String selectionGuid,
    String selectionKind,
    Integer startPosition,
    Integer endPosition,
    String creatingUser) {}
