#!/usr/bin/env python3
"""Writes a synthetic site of N partners in two shapes: our content contract, and
the same content as a Hugo site with minimal layouts. Each partner page has prose,
a table and a highlighted code block; each framework page lists its members (a Hugo
taxonomy term); one timeline page lists an event for every partner. Used by
compare-hugo.sh and scale.py.

usage: make_site.py OUT_DIR N_PARTNERS
"""
import json
import os
import random
import sys

out, count = sys.argv[1], int(sys.argv[2])
random.seed(7)
ours = os.path.join(out, "ours")
hugo = os.path.join(out, "hugo")
FRAMEWORKS = [f"fw{i}" for i in range(8)]
PROGRAMMES = [f"prog{i}" for i in range(40)]
PARAGRAPH = (
    "The partner joined [[{fw}]] in {year} and took part in [[{prog}]] [@src{src}]. "
    "Its forces served alongside Allied troops, and its officials met NATO counterparts "
    "at ministerial meetings; see also [[{other}]]. "
)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def body(i):
    parts = []
    for _ in range(5):
        parts.append(PARAGRAPH.format(
            fw=random.choice(FRAMEWORKS), year=random.randint(1991, 2022),
            prog=random.choice(PROGRAMMES), src=random.randint(0, 49),
            other=f"p{random.randint(0, count - 1)}"))
    table = "| Year | Event |\n| --- | --- |\n" + "".join(
        f"| {random.randint(1991, 2022)} | Meeting {k} |\n" for k in range(4))
    code = "```yaml\nframework: fw1\nfrom: 1994\nnote: a highlighted block\n```\n"
    return ("## History\n\n" + "\n\n".join(parts) + "\n\n## Meetings\n\n" + table
            + "\n## Record\n\n" + code)


write(f"{ours}/content/site.yaml", "title: Bench\ndescription: Synthetic.\ntimeline:\n  start: 1990\n  end: 2022\nstatus_as_of: 2022-12-31\n")
write(f"{ours}/content/index.md", "Synthetic benchmark site.\n")
write(f"{ours}/content/sources.yaml", "".join(
    f"- id: src{i}\n  title: Source {i}\n  publisher: Bench\n  date: '2020'\n" for i in range(50)))
write(f"{ours}/content/glossary.yaml", "- term: NATO\n  expansion: North Atlantic Treaty Organization\n")
for fw in FRAMEWORKS:
    write(f"{ours}/content/frameworks/{fw}.md", f"---\nname: Framework {fw}\nlaunched: 1994\nsources: [src0]\n---\nA framework.\n")
for prog in PROGRAMMES:
    write(f"{ours}/content/programmes/{prog}.md", f"---\nname: Programme {prog}\nsources: [src1]\n---\nA programme.\n")
events = []
hugo_events = []
for i in range(count):
    fws = random.sample(FRAMEWORKS, 2)
    memberships = "".join(f"  - framework: {fw}\n    from: {random.randint(1994, 2010)}\n" for fw in fws)
    text = body(i)
    write(f"{ours}/content/partners/p{i}.md",
          f"---\nname: Partner {i}\nkind: organisation\nregion: Region {i % 12}\nstatus: partner\n"
          f"memberships:\n{memberships}programmes:\n  - id: {random.choice(PROGRAMMES)}\nsources: [src2]\n---\n{text}")
    hugo_text = text.replace("[[", "").replace("]]", "")
    write(f"{hugo}/content/partners/p{i}.md",
          f"---\ntitle: Partner {i}\nframeworks: [{', '.join(fws)}]\n---\n{hugo_text}")
    year = random.randint(1990, 2022)
    events.append(f"- date: {year}\n  title: Event {i}\n  kind: other\n  summary: Something about [[p{i}]].\n  partners: [p{i}]\n  sources: [src3]\n")
    hugo_events.append({"date": year, "title": f"Event {i}", "partner": f"p{i}"})
write(f"{ours}/content/timeline/events.yaml", "".join(events))

write(f"{hugo}/hugo.toml", 'baseURL = "https://example.org/"\ntitle = "Bench"\ndisableKinds = ["RSS", "sitemap"]\nrelativeURLs = true\nuglyURLs = true\ntimeout = "600s"\n[taxonomies]\nframework = "frameworks"\n')
# JSON, not YAML: Hugo's YAML loader refuses a file of 50,000 entries.
write(f"{hugo}/data/events.json", json.dumps(hugo_events))
write(f"{hugo}/content/timeline.md", "---\ntitle: Timeline\nlayout: timeline\n---\n")
write(f"{hugo}/layouts/_default/timeline.html", "{{ define \"main\" }}<h1>{{ .Title }}</h1><ol>{{ range sort site.Data.events \"date\" }}<li>{{ .date }}: {{ .title }}, <a href=\"{{ relref $ (printf \"/partners/%s.md\" .partner) }}\">{{ .partner }}</a></li>{{ end }}</ol>{{ end }}\n")
write(f"{hugo}/layouts/_default/baseof.html", "<!DOCTYPE html><html lang=\"en\"><head><title>{{ .Title }}</title></head><body><nav><a href=\"{{ \"index.html\" | relURL }}\">Home</a></nav><main>{{ block \"main\" . }}{{ end }}</main></body></html>\n")
write(f"{hugo}/layouts/_default/single.html", "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n")
write(f"{hugo}/layouts/_default/list.html", "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n")
write(f"{hugo}/content/_index.md", "---\ntitle: Bench\n---\nSynthetic.\n")
