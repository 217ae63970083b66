package io.triangulate.nlp.qda;

import io.triangulate.nlp.UserError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Imports REFI-QDA exchange files (NVivo, ATLAS.ti, MAXQDA, Taguette, …): codebooks ({@code .qdc}),
 * projects ({@code .qde}) and project archives ({@code .qdpx}: a zip holding {@code project.qde},
 * any case, and the sources' plain texts under {@code Sources/}).
 *
 * <p>Elements are matched by local name so files with or without the {@code urn:QDA-XML} namespace
 * both read; elements this importer does not model (sets, notes, graphs, variables) are ignored.
 */
public final class RefiQdaReader {
  private static final String INTERNAL = "internal://";
  private static final List<String> SOURCE_KINDS =
      List.of("TextSource", "PDFSource", "PictureSource", "AudioSource", "VideoSource");

  private RefiQdaReader() {}

  /** Reads a .qdc, .qde or .qdpx file, chosen by its extension. */
  public static QdaProject read(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw UserError.at(file.toString()).problem("REFI-QDA file cannot be read").found(e.toString())
          .fix("check the path").cause(e).build();
    }
    if (name.endsWith(".qdpx")) {
      return readArchive(bytes, file.toString());
    }
    if (name.endsWith(".qde") || name.endsWith(".qdc")) {
      return readXml(bytes, file.toString(), Map.of());
    }
    throw UserError.at(file.toString()).problem("not a REFI-QDA file")
        .expected(".qdc (codebook), .qde (project) or .qdpx (project archive)").found(file.getFileName())
        .fix("export the project from the QDA program in REFI-QDA format").build();
  }

  /** Reads a .qdpx archive's project and its internal plain-text sources. */
  public static QdaProject readArchive(byte[] zip, String sourceName) {
    byte[] project = null;
    Map<String, byte[]> entries = new HashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        if (entry.isDirectory()) {
          continue;
        }
        byte[] content = in.readAllBytes();
        String entryName = entry.getName();
        if (!entryName.contains("/") && entryName.toLowerCase(Locale.ROOT).endsWith(".qde")) {
          project = content;
        } else if (entryName.startsWith("Sources/") || entryName.startsWith("sources/")) {
          entries.put(entryName.substring("Sources/".length()), content);
        }
      }
    } catch (IOException e) {
      throw UserError.at(sourceName).problem("not a readable zip archive").found(e.toString())
          .fix("a .qdpx file is a zip; re-export it from the QDA program").cause(e).build();
    }
    if (project == null) {
      throw UserError.at(sourceName).problem("archive holds no project")
          .expected("a project.qde (or Project.qde) at the top of the zip").found(entries.keySet())
          .fix("re-export the project in REFI-QDA format").build();
    }
    return readXml(project, sourceName + "!project.qde", entries);
  }

  /** Parses a Project or CodeBook document; {@code internalFiles} resolve {@code internal://} paths. */
  public static QdaProject readXml(byte[] xml, String sourceName, Map<String, byte[]> internalFiles) {
    Element root = parse(xml, sourceName).getDocumentElement();
    String rootName = root.getLocalName();
    if (!"Project".equals(rootName) && !"CodeBook".equals(rootName)) {
      throw UserError.at(sourceName).problem("not a REFI-QDA project or codebook")
          .expected("root element Project or CodeBook").found(rootName)
          .fix("use a .qde/.qdpx project or a .qdc codebook exported in REFI-QDA format").build();
    }
    Map<String, String> users = new LinkedHashMap<>();
    for (Element user : descendants(root, "User")) {
      users.put(user.getAttribute("guid"), user.getAttribute("name"));
    }
    List<QdaCode> codes = new ArrayList<>();
    Element codeBook = "CodeBook".equals(rootName) ? root : first(root, "CodeBook");
    Element codesElement = codeBook == null ? null : first(codeBook, "Codes");
    if (codesElement != null) {
      addCodes(codesElement, null, codes, sourceName);
    }
    List<QdaSource> sources = new ArrayList<>();
    List<QdaCoding> codings = new ArrayList<>();
    Element sourcesElement = first(root, "Sources");
    if (sourcesElement != null) {
      for (Element source : children(sourcesElement)) {
        if (!SOURCE_KINDS.contains(source.getLocalName())) {
          continue;
        }
        sources.add(new QdaSource(source.getAttribute("guid"), source.getAttribute("name"), source.getLocalName(),
            text(source, internalFiles)));
        // Selections may sit deeper than the source (e.g. in a media source's Transcript).
        for (Element selection : descendants(source, "*")) {
          if (selection.getLocalName().endsWith("Selection")) {
            addCodings(source, selection, codings, sourceName);
          }
        }
      }
    }
    return new QdaProject(attribute(root, "name"), attribute(root, "origin"), users, codes, sources, codings);
  }

  private static void addCodes(Element parent, String parentGuid, List<QdaCode> out, String sourceName) {
    for (Element code : children(parent)) {
      if (!"Code".equals(code.getLocalName())) {
        continue;
      }
      String guid = code.getAttribute("guid");
      if (guid.isEmpty()) {
        throw UserError.at(sourceName).problem("code without guid").expected("<Code guid=\"...\" name=\"...\">")
            .found(code.getAttribute("name")).fix("re-export the codebook; every code needs a GUID").build();
      }
      Element description = first(code, "Description");
      out.add(new QdaCode(guid, code.getAttribute("name"), parentGuid,
          description == null ? null : description.getTextContent(), !"false".equals(code.getAttribute("isCodable"))));
      addCodes(code, guid, out, sourceName);
    }
  }

  private static void addCodings(Element source, Element selection, List<QdaCoding> out, String sourceName) {
    boolean plainText = "PlainTextSelection".equals(selection.getLocalName());
    Integer start = plainText ? position(selection, "startPosition", sourceName) : null;
    Integer end = plainText ? position(selection, "endPosition", sourceName) : null;
    for (Element coding : children(selection)) {
      if (!"Coding".equals(coding.getLocalName())) {
        continue;
      }
      Element ref = first(coding, "CodeRef");
      if (ref == null) {
        continue;
      }
      out.add(new QdaCoding(coding.getAttribute("guid"), ref.getAttribute("targetGUID"), source.getAttribute("guid"),
          selection.getAttribute("guid"), selection.getLocalName(), start, end, attribute(coding, "creatingUser")));
    }
  }

  private static Integer position(Element selection, String attribute, String sourceName) {
    String value = selection.getAttribute(attribute);
    try {
      return Integer.valueOf(value.strip());
    } catch (NumberFormatException e) {
      throw UserError.at(sourceName + ", selection " + selection.getAttribute("guid") + ", attribute " + attribute)
          .problem("selection position is not a number").expected("a character position such as 139").found(value)
          .fix("re-export the project; REFI-QDA text selections need start and end positions").build();
    }
  }

  private static String text(Element source, Map<String, byte[]> internalFiles) {
    Element inline = first(source, "PlainTextContent");
    if (inline != null) {
      return inline.getTextContent();
    }
    String path = source.getAttribute("plainTextPath");
    if (path.startsWith(INTERNAL)) {
      byte[] bytes = internalFiles.get(path.substring(INTERNAL.length()));
      if (bytes != null) {
        return new String(bytes, StandardCharsets.UTF_8);
      }
    }
    return null; // external or missing text: the codings still import
  }

  private static Document parse(byte[] xml, String sourceName) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
      factory.setNamespaceAware(true);
      // Exchange files come from elsewhere: no DOCTYPEs, no external entities. The JDK's own parser,
      // not the Xerces that CoreNLP brings onto the class path (it rejects the JAXP attributes).
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setAttribute(javax.xml.XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(javax.xml.XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      try (InputStream in = new ByteArrayInputStream(xml)) {
        return builder.parse(in);
      }
    } catch (SAXParseException e) {
      throw UserError.at(sourceName + ", line " + e.getLineNumber()).problem("not well-formed XML")
          .found(e.getMessage()).fix("re-export the file from the QDA program").cause(e).build();
    } catch (SAXException | IOException | ParserConfigurationException e) {
      throw UserError.at(sourceName).problem("XML cannot be parsed").found(e.toString())
          .fix("re-export the file from the QDA program").cause(e).build();
    }
  }

  private static String attribute(Element e, String name) {
    return e.hasAttribute(name) ? e.getAttribute(name) : null;
  }

  static List<Element> children(Element parent) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        out.add(e);
      }
    }
    return out;
  }

  private static Element first(Element parent, String localName) {
    for (Element e : children(parent)) {
      if (localName.equals(e.getLocalName())) {
        return e;
      }
    }
    return null;
  }

  private static List<Element> descendants(Element root, String localName) {
    List<Element> out = new ArrayList<>();
    org.w3c.dom.NodeList all = root.getElementsByTagNameNS("*", localName);
    for (int i = 0; i < all.getLength(); i++) {
      out.add((Element) all.item(i));
    }
    return out;
  }
}
