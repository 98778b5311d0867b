package io.realtimetrend.oozie;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/**
 * Oozie 5.2.1's schemas, loaded the way its SchemaService loads them: the XSD lists of oozie-default.xml
 * ({@code oozie.service.SchemaService.<type>.schemas}), each XSD from the classpath (oozie-client).
 */
final class OozieSchemas {

    private OozieSchemas() {
    }

    /** The schema of {@code type}: wf, coord, bundle or sla. */
    static Schema of(String type) throws Exception {
        List<Source> sources = new ArrayList<>();
        for (String xsd : list("oozie.service.SchemaService." + type + ".schemas")) {
            sources.add(new StreamSource(OozieSchemas.class.getResource("/" + xsd).toExternalForm()));
        }
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        return factory.newSchema(sources.toArray(Source[]::new));
    }

    /** Every violation of {@code file} as {@code name:line:column: message}; empty when valid. */
    static List<String> violations(Schema schema, Path file) throws IOException {
        List<String> errors = new ArrayList<>();
        String name = file.getFileName().toString();
        Validator validator = schema.newValidator();
        validator.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) {
                errors.add(name + ":" + e.getLineNumber() + ":" + e.getColumnNumber() + ": " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                error(e);
            }
        });
        try (InputStream in = Files.newInputStream(file)) {
            validator.validate(new StreamSource(in, file.toUri().toString()));
        } catch (org.xml.sax.SAXException e) {
            if (errors.isEmpty()) {
                errors.add(name + ": " + e.getMessage());
            }
        }
        return errors;
    }

    private static List<String> list(String property) throws Exception {
        try (InputStream in = OozieSchemas.class.getResourceAsStream("/oozie-default.xml")) {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
            NodeList properties = doc.getElementsByTagName("property");
            for (int i = 0; i < properties.getLength(); i++) {
                Element p = (Element) properties.item(i);
                if (property.equals(p.getElementsByTagName("name").item(0).getTextContent().trim())) {
                    return Arrays.stream(p.getElementsByTagName("value").item(0).getTextContent().split(","))
                            .map(String::trim).filter(s -> !s.isEmpty()).toList();
                }
            }
        }
        throw new IllegalStateException(property + " not in oozie-default.xml");
    }
}
