"""Accessibility as axe-core reads a page in the browser: WCAG 2.2 A and AA, and axe's best practices.

axe-core comes with the PyPI package selenium-axe-python (scripts/browser-test installs it); it runs in
the page as the browser has laid it out, so it sees colours, sizes and what a screen reader is told.
"""
import re
from importlib import resources
from urllib.parse import urlparse

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By

RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# Files, not pages: the list downloads, the exports and the key are read by programs.
FILES = re.compile(r"\.(csv|jsonl?|txt|pem)$|/export|/public-key")
AXE = (resources.files("selenium_axe_python") / "axe-core" / "axe.min.js").read_text()


def violations(driver):
    """What axe-core finds wrong on the page the driver shows: (rule, impact, help, [element: why])."""
    driver.execute_script(AXE)
    return driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
           .then(result => done(result.violations.map(v => [v.id, v.impact, v.help,
                 v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary.replace(/\\s+/g, ' '))])),
                 error => done([['axe-error', 'critical', String(error), []]]));""", RULES)


def check_page(driver, name):
    """Fails naming every rule the page breaks, and for each the first five elements and why."""
    found = violations(driver)
    if found:
        lines = [f"{name} ({driver.current_url}): {len(found)} accessibility rule(s) broken"]
        for rule, impact, help_text, nodes in found:
            lines.append(f"  {rule} ({impact}): {help_text}")
            lines += [f"    {node}" for node in nodes[:5]]
        raise AssertionError("\n".join(lines))


def check_fits(driver, name, width):
    """Fails when the page is wider than its window (WCAG 1.4.10, reflow): a phone widens its layout
    to fit content that does not wrap, so the window's width grows too. A wide table scrolls inside
    its own frame, which is allowed."""
    inner, scroll = driver.execute_script("return [window.innerWidth, document.documentElement.scrollWidth]")
    if max(inner, scroll) > width:
        raise AssertionError(f"{name} ({driver.current_url}): {max(inner, scroll)} pixels wide, in a {width}-pixel window")


def shape(where):
    """One page per kind: numbers count by their length only (a region code's length is its level),
    and a query by its names (the language's, `lang`, not at all: the walk stays in one language)."""
    path = re.sub(r"\d+", lambda digits: f"N{len(digits.group())}", where.path)
    names = sorted({pair.split("=")[0] for pair in where.query.split("&") if pair} - {"lang"})
    return path + ("?" + "&".join(names) if names else "")


def every_page(driver, base, checked, width, also=(), limit=150):
    """Follows every link the signed-in person is shown and checks each kind of page not in `checked`
    yet (axe takes a second a page: each kind once, by the first person shown it), adding it; every
    page must fit the window's `width`.
    A page already checked is still read for its links: another person's may lead elsewhere. `also`:
    pages no link leads to (addresses under `base`).
    Only GET: every change on this site is a form sent by POST, so following links changes nothing.
    Returns how many kinds this person added."""
    host = urlparse(base).netloc
    queue, walked, before = [driver.current_url] + [base + path for path in also], set(), len(checked)
    while queue:
        url = queue.pop(0)
        where = urlparse(url)
        if where.netloc != host or FILES.search(where.path) or shape(where) in walked:
            continue
        if len(walked) == limit:
            raise AssertionError(f"more than {limit} kinds of page: the walk would not end (next: {url})")
        walked.add(shape(where))
        try:
            driver.get(url)
        except WebDriverException as error:
            raise AssertionError(f"{url} could not be opened: {error.msg}")
        if driver.execute_script("return document.contentType") != "text/html":
            continue
        check_fits(driver, where.path, width)
        # A kind of page is its address's shape and its title: a page refused to one person is not
        # the page another is shown at the same address.
        kind = shape(where) + " · " + driver.title
        if kind not in checked:
            check_page(driver, where.path)
            checked.add(kind)
        for link in driver.find_elements(By.CSS_SELECTOR, "a[href]:not([download])"):
            queue.append(link.get_attribute("href").split("#")[0])
    return len(checked) - before
