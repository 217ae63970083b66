package io.triangulate.nlp.qda;

/**
 * A source document of a REFI-QDA project.
 *
 * @param guid the source's GUID
 * @param name its name (usually the original file name)
 * @param kind the element name: TextSource, PDFSource, AudioSource, VideoSource, PictureSource
 * @param text the plain text of a text source (inline {@code PlainTextContent} or the
 *     {@code internal://} file of a .qdpx); null when the project does not carry it
 */
public record QdaSource(String guid, String name, String kind, String text) {}
