package io.realtimetrend.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The shipped {@code workflow.xml} cut down to one of its actions: that action's element exactly as shipped
 * (global section, arguments, capture-output, retries, error transition and kill node included), its
 * {@code <ok>} leading to the end. Cut from the deployed file rather than copied into a test resource, so it cannot
 * drift from what users run; cut at all because the other actions' executors (hive2, spark) and their sharelibs
 * are not on this cluster yet (issue 14's later milestones). The start node leads to that action.
 */
public final class SingleActionWorkflow {

    private SingleActionWorkflow() {
    }

    /** The workflow of {@code shipped} starting at action {@code name}, its only action, its ok leading to the end. */
    public static byte[] cut(InputStream shipped, String name) throws IOException {
        Objects.requireNonNull(name, "name is null");
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document doc = factory.newDocumentBuilder().parse(shipped);
            Element app = doc.getDocumentElement();
            Element kept = null;
            List<Element> others = new ArrayList<>();
            for (Node child = app.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element start && "start".equals(start.getLocalName())) {
                    start.setAttribute("to", name);
                } else if (child instanceof Element action && "action".equals(action.getLocalName())) {
                    if (name.equals(action.getAttribute("name"))) {
                        kept = action;
                    } else {
                        others.add(action);
                    }
                }
            }
            if (kept == null) {
                throw new IOException("the shipped workflow has no action " + name);
            }
            others.forEach(app::removeChild);
            for (Node child = kept.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element ok && "ok".equals(ok.getLocalName())) {
                    ok.setAttribute("to", "end");
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            TransformerFactory.newInstance().newTransformer().transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot cut the shipped workflow to action " + name, e);
        }
    }
}
