package io.triangulate.nlp.qda;

import io.triangulate.nlp.UserError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes a {@link QdaProject} as a REFI-QDA project archive ({@code .qdpx}): {@code project.qde} plus
 * each text source's plain text as {@code Sources/<guid>.txt}, referenced as {@code internal://}.
 * Only text sources and plain-text selections are written; that is what Triangulate produces.
 */
public final class RefiQdaWriter {
  private static final LocalDateTime FIXED_ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

  public static final String NAMESPACE = "urn:QDA-XML:project:1.0";

  private RefiQdaWriter() {}

  /** Writes {@code project} to {@code file} (a .qdpx), replacing it. */
  public static void write(QdaProject project, Path file) {
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      Files.write(file, archive(project));
    } catch (IOException e) {
      throw UserError.at(file.toString()).problem("cannot write the REFI-QDA archive").found(e.toString())
          .fix("choose a writable path").cause(e).build();
    }
  }

  /** The .qdpx bytes. */
  public static byte[] archive(QdaProject project) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(entry("project.qde"));
      zip.write(projectXml(project));
      zip.closeEntry();
      for (QdaSource source : project.sources()) {
        if (source.text() != null) {
          zip.putNextEntry(entry("Sources/" + source.guid() + ".txt"));
          zip.write(source.text().getBytes(StandardCharsets.UTF_8));
          zip.closeEntry();
        }
      }
    }
    return bytes.toByteArray();
  }

  /**
   * An entry stamped with a fixed time, not the clock: the same project gives the same bytes (exports
   * can be diffed and checksummed, as reproducible builds do), even across a two-second DOS-time tick.
   */
  private static ZipEntry entry(String name) {
    ZipEntry entry = new ZipEntry(name);
    entry.setTimeLocal(FIXED_ENTRY_TIME);
    return entry;
  }

  /** The project.qde document. */
  public static byte[] projectXml(QdaProject project) {
    Document doc;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
      factory.setNamespaceAware(true);
      doc = factory.newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
    Element root = doc.createElementNS(NAMESPACE, "Project");
    doc.appendChild(root);
    root.setAttribute("name", project.name() == null ? "Triangulate" : project.name());
    if (project.origin() != null) {
      root.setAttribute("origin", project.origin());
    }
    if (!project.users().isEmpty()) {
      Element users = child(doc, root, "Users");
      project.users().forEach((guid, name) -> {
        Element user = child(doc, users, "User");
        user.setAttribute("guid", guid);
        user.setAttribute("name", name);
      });
    }
    Element codes = child(doc, child(doc, root, "CodeBook"), "Codes");
    Map<String, Element> codeElements = new LinkedHashMap<>();
    for (QdaCode code : project.codes()) {
      Element parent = code.parentGuid() == null ? codes : codeElements.get(code.parentGuid());
      if (parent == null) {
        throw new IllegalArgumentException("code " + code.guid() + " comes before its parent " + code.parentGuid());
      }
      Element e = child(doc, parent, "Code");
      e.setAttribute("guid", code.guid());
      e.setAttribute("name", code.name());
      e.setAttribute("isCodable", Boolean.toString(code.isCodable()));
      if (code.description() != null && !code.description().isEmpty()) {
        child(doc, e, "Description").setTextContent(code.description());
      }
      codeElements.put(code.guid(), e);
    }
    Element sources = child(doc, root, "Sources");
    for (QdaSource source : project.sources()) {
      Element s = child(doc, sources, "TextSource");
      s.setAttribute("guid", source.guid());
      s.setAttribute("name", source.name());
      if (source.text() != null) {
        s.setAttribute("plainTextPath", "internal://" + source.guid() + ".txt");
      }
      // One selection per span, holding every code applied to it.
      Map<String, List<QdaCoding>> bySelection = new LinkedHashMap<>();
      for (QdaCoding coding : project.codings()) {
        if (coding.sourceGuid().equals(source.guid())) {
          bySelection.computeIfAbsent(coding.selectionGuid(), k -> new ArrayList<>()).add(coding);
        }
      }
      for (List<QdaCoding> selection : bySelection.values()) {
        QdaCoding first = selection.get(0);
        Element sel = child(doc, s, "PlainTextSelection");
        sel.setAttribute("guid", first.selectionGuid());
        sel.setAttribute("startPosition", Integer.toString(first.startPosition()));
        sel.setAttribute("endPosition", Integer.toString(first.endPosition()));
        if (source.text() != null) {
          sel.setAttribute("name", excerpt(source.text(), first.startPosition(), first.endPosition()));
        }
        for (QdaCoding coding : selection) {
          Element c = child(doc, sel, "Coding");
          c.setAttribute("guid", coding.guid());
          if (coding.creatingUser() != null) {
            c.setAttribute("creatingUser", coding.creatingUser());
          }
          child(doc, c, "CodeRef").setAttribute("targetGUID", coding.codeGuid());
        }
      }
    }
    return serialize(doc);
  }

  /** The selected text (positions in code points), shortened to a readable selection name. */
  private static String excerpt(String text, int start, int end) {
    int from = text.offsetByCodePoints(0, Math.min(start, text.codePointCount(0, text.length())));
    int to = text.offsetByCodePoints(0, Math.min(end, text.codePointCount(0, text.length())));
    String s = text.substring(from, Math.max(from, to)).replaceAll("\\s+", " ").strip();
    return s.length() > 80 ? s.substring(0, 79) + "\u2026" : s;
  }

  private static Element child(Document doc, Element parent, String name) {
    Element e = doc.createElementNS(NAMESPACE, name);
    parent.appendChild(e);
    return e;
  }

  private static byte[] serialize(Document doc) {
    try {
      // The JDK's serializer: the Xalan on CoreNLP's class path writes astral characters (emoji) as
      // surrogate character references, which no XML parser accepts.
      Transformer t = TransformerFactory.newDefaultInstance().newTransformer();
      t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      t.setOutputProperty(OutputKeys.INDENT, "yes");
      t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      t.transform(new DOMSource(doc), new StreamResult((OutputStream) out));
      return out.toByteArray();
    } catch (TransformerException e) {
      throw new IllegalStateException(e);
    }
  }
}
