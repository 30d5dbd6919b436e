"""Safe XML for the exchange formats: a small expat tree reader (DTDs and entities refused) and a writer.

Reading keeps local names plus namespace URIs, so DATEX II 2.0 (default namespace) and 3 (prefixed,
several namespaces) are walked with the same code. ``xsi:type`` values lose their prefix.
"""
import re
from dataclasses import dataclass, field
from typing import Dict, Iterator, List, Optional
from xml.parsers import expat

from .exchange_text import tr

XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
_SEP = "\x01"


class XmlError(ValueError):
    """The file is not XML we accept; the message is meant for the user."""


@dataclass
class Node:
    name: str  # local name
    ns: str = ""  # namespace URI
    attrs: Dict[str, str] = field(default_factory=dict)  # local attribute names
    children: List["Node"] = field(default_factory=list)
    text: str = ""

    @property
    def xsi_type(self) -> Optional[str]:
        """The xsi:type without its prefix ("MaintenanceWorks" for "sit:MaintenanceWorks")."""
        value = self.attrs.get("{%s}type" % XSI_NS)
        return value.split(":")[-1] if value else None

    def get(self, name: str) -> Optional[str]:
        return self.attrs.get(name)

    def child(self, *names: str) -> Optional["Node"]:
        """The first descendant along a path of local names (direct children at each step)."""
        node = self
        for name in names:
            node = next((c for c in node.children if c.name == name), None)
            if node is None:
                return None
        return node

    def childs(self, name: str) -> List["Node"]:
        return [c for c in self.children if c.name == name]

    def iter(self, name: Optional[str] = None) -> Iterator["Node"]:
        """This node and all descendants (depth first), optionally only those with a local name."""
        stack = [self]
        while stack:
            node = stack.pop()
            if name is None or node.name == name:
                yield node
            stack.extend(reversed(node.children))

    def find(self, name: str) -> Optional["Node"]:
        """The first descendant (not self) with this local name."""
        for node in self.iter(name):
            if node is not self:
                return node
        return None

    def value(self, *names: str) -> Optional[str]:
        node = self.child(*names)
        text = node.text.strip() if node is not None else ""
        return text or None


def parse(data: bytes) -> Node:
    """The document's root element. XmlError for malformed XML or any DTD/entity declaration."""
    root = Node("#document")
    stack = [root]
    texts: List[List[str]] = [[]]

    def start(qname, attrs):
        ns, _, local = qname.rpartition(_SEP)
        node = Node(local, ns, {_attr_name(k): v for k, v in attrs.items()})
        stack[-1].children.append(node)
        stack.append(node)
        texts.append([])

    def end(_qname):
        node = stack.pop()
        node.text = "".join(texts.pop())

    def chars(data_):
        texts[-1].append(data_)

    def refuse(*_args):
        raise XmlError(tr("The XML file declares a DTD or entities, which is not allowed (XML entity attacks)."))

    parser = expat.ParserCreate(namespace_separator=_SEP)
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, chars
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise XmlError(tr("The file is not well-formed XML: {error}").format(error=error)) from error
    if not root.children:
        raise XmlError(tr("The XML file has no root element."))
    return root.children[0]


def _attr_name(qname: str) -> str:
    ns, _, local = qname.rpartition(_SEP)
    return "{%s}%s" % (ns, local) if ns == XSI_NS else local


# ---------------------------------------------------------------------------- writing

# Characters XML 1.0 does not allow at all (tab, newline and carriage return are fine).
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def escape(text) -> str:
    """Text for element content or a double-quoted attribute; characters XML forbids are dropped."""
    text = _FORBIDDEN.sub("", str(text))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


class XmlWriter:
    """Indented XML text built element by element (names are trusted constants, values are escaped)."""

    def __init__(self):
        self._lines = ['<?xml version="1.0" encoding="UTF-8"?>']
        self._open: List[str] = []

    def _attrs(self, attrs: Optional[Dict[str, object]]) -> str:
        if not attrs:
            return ""
        return "".join(' %s="%s"' % (k, escape(v)) for k, v in attrs.items() if v is not None)

    def start(self, name: str, attrs: Optional[Dict[str, object]] = None) -> "XmlWriter":
        self._lines.append("  " * len(self._open) + "<%s%s>" % (name, self._attrs(attrs)))
        self._open.append(name)
        return self

    def end(self) -> "XmlWriter":
        name = self._open.pop()
        self._lines.append("  " * len(self._open) + "</%s>" % name)
        return self

    def leaf(self, name: str, text=None, attrs: Optional[Dict[str, object]] = None) -> "XmlWriter":
        indent = "  " * len(self._open)
        if text is None:
            self._lines.append(indent + "<%s%s/>" % (name, self._attrs(attrs)))
        else:
            self._lines.append(indent + "<%s%s>%s</%s>" % (name, self._attrs(attrs), escape(text), name))
        return self

    def text(self) -> str:
        if self._open:
            raise RuntimeError("unclosed elements: " + ", ".join(self._open))
        return "\n".join(self._lines) + "\n"
