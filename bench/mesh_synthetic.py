#!/usr/bin/env python3
"""Writes a synthetic MeSH descriptor file of N descriptors (default 30,000,
about the size of NLM's desc20XX.xml in records; each record padded with a
ConceptList of entry terms so that the file reaches the real file's ~300 MB
when N is 30,000). For measuring `carta lit mesh import` time and memory:
    python3 bench/mesh_synthetic.py 30000 > /tmp/desc_synth.xml
    /usr/bin/time -v carta lit mesh import /tmp/desc_synth.xml --db /tmp/m.db
"""
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 30000
out = sys.stdout
out.write('<?xml version="1.0" encoding="UTF-8"?>\n<DescriptorRecordSet LanguageCode="eng">\n')
pad = "".join("    <Term><TermUI>T%06d</TermUI><String>Entry term number %d of a synthetic concept</String></Term>\n"
              % (k, k) for k in range(90))
for i in range(n):
    depth = 1 + i % 6
    tree = "C%02d" % (i % 20) + "".join(".%03d" % ((i >> (3 * k)) % 1000) for k in range(depth))
    out.write(' <DescriptorRecord DescriptorClass="1">\n  <DescriptorUI>D%07d</DescriptorUI>\n'
              '  <DescriptorName><String>Synthetic descriptor %d</String></DescriptorName>\n'
              '  <TreeNumberList><TreeNumber>%s</TreeNumber><TreeNumber>%s.%03d</TreeNumber></TreeNumberList>\n'
              '  <ConceptList><Concept><TermList>\n%s  </TermList></Concept></ConceptList>\n </DescriptorRecord>\n'
              % (i, i, tree, tree, i % 1000, pad))
out.write('</DescriptorRecordSet>\n')
