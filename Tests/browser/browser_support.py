"""What every browser scenario shares: the demo server it drives, a headless Chromium of a given
size, the signed-in person's helpers, the waits and the checks."""
import os
import shutil
import socket
import subprocess
import time
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

import accessibility

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ARTIFACTS = os.path.join(ROOT, "test-artifacts", "browser")
CLUSTER = os.path.join(ROOT, ".fkp", "browser-cluster")
PHONE = (360, 740)
SMALL_PHONE = (320, 640)  # the width WCAG's reflow criterion names
DESKTOP = (1280, 900)
A4_PRINTABLE_WIDTH = 680  # 180 mm at 96 pixels to the inch


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_demo(binary, port):
    shutil.rmtree(CLUSTER, ignore_errors=True)
    env = dict(os.environ, PORT=str(port), HOST="127.0.0.1", FKP_BCRYPT_COST="10")
    env.pop("DATABASE_URL", None)
    log = open(os.path.join(ARTIFACTS, "server.log"), "w")
    server = subprocess.Popen([binary, "demo", "--cluster-directory", CLUSTER], cwd=ROOT, env=env,
                              stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 180
    while time.time() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the demo server stopped (exit {server.returncode}); see {log.name}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("the demo server did not answer within 180 s")


def browser(size):
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--window-size={size[0]},{size[1]}", "--lang=id"):
        options.add_argument(argument)
    if size[0] < 500:
        # Headless Chromium's windows are at least 500 pixels wide: a phone is emulated instead.
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": size[0], "height": size[1], "pixelRatio": 2}})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(30)
    driver.width = size[0]
    return driver


class Forum:
    shots = 0  # numbered across the whole run, in the order taken

    def __init__(self, base):
        self.base = base

    def shot(self, driver, name):
        Forum.shots += 1
        driver.save_screenshot(os.path.join(ARTIFACTS, f"{Forum.shots:02d}-{name}.png"))
        accessibility.check_fits(driver, name, driver.width)
        check(True, f"{name}: the page fits its {driver.width}-pixel window without sideways scrolling")
        accessibility.check_page(driver, name)
        check(True, f"{name}: axe-core finds nothing against WCAG 2.2 AA or its best practices")

    def login(self, driver, username, password):
        driver.get(self.base + "/login")
        driver.find_element(By.ID, "username").send_keys(username)
        driver.find_element(By.ID, "password").send_keys(password)
        driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button").click()
        WebDriverWait(driver, 10).until(lambda d: "/login" not in d.current_url)

    def click_button(self, driver, text):
        driver.find_element(By.XPATH, f"//button[normalize-space()='{text}']").click()

    def raise_group_challenge(self, driver, group, reason):
        """On a row's page (listed or added family), proposes another group."""
        driver.find_element(By.CSS_SELECTOR, "input[name='kind'][value='group']").click()
        Select(driver.find_element(By.NAME, "proposed_group")).select_by_value(str(group))
        driver.find_element(By.NAME, "reason").send_keys(reason)
        self.click_button(driver, "Ajukan sanggahan")

    def accept_first_open_challenge(self, driver, note=""):
        """On the forum's list of challenges, accepts the first open one by consensus."""
        driver.get(self.base + "/forums/1/challenges")
        decision = driver.find_element(By.CSS_SELECTOR, "form.decision")
        decision.find_element(By.CSS_SELECTOR, "input[value='accepted']").click()
        Select(decision.find_element(By.NAME, "method")).select_by_value("consensus")
        if note:
            decision.find_element(By.NAME, "note").send_keys(note)
        decision.find_element(By.CSS_SELECTOR, "button").click()

    def summary_after(self, driver):
        """The forum page's 'after the forum' count per group (1..4)."""
        driver.get(self.base + "/forums/1")
        rows = driver.find_elements(By.CSS_SELECTOR, "table.summary tbody tr")
        return [int(r.find_elements(By.TAG_NAME, "td")[1].text) for r in rows]


def shows(driver, text, timeout=10):
    """Waits until the page (after a click's navigation) contains the text."""
    try:
        WebDriverWait(driver, timeout).until(lambda d: text in d.page_source)
        return True
    except Exception:
        return False


def shows_element(driver, selector, text, timeout=10):
    """Waits until an element matching the selector holds the text (an element of the page being left
    may vanish while it is read, as the next page arrives: asked again)."""
    try:
        WebDriverWait(driver, timeout, ignored_exceptions=[WebDriverException]).until(lambda d: any(text in e.text for e in d.find_elements(By.CSS_SELECTOR, selector)))
        return True
    except Exception:
        return False


def saved(row):
    return lambda d: row.find_element(By.CSS_SELECTOR, ".status").text == "Tersimpan"


def check(condition, message):
    if not condition:
        raise AssertionError(message)
    print("  ok:", message)


def no_script_errors(driver, who):
    # Network answers such as the 409 of a conflict are expected; script errors are not.
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE" and e.get("source") != "network"]
    check(not errors, f"no script errors in {who}'s browser {errors if errors else ''}")


def download(driver, address):
    """The bytes of a file the signed-in person is offered (a download link), fetched with their session."""
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    with urllib.request.urlopen(urllib.request.Request(address, headers={"Cookie": cookie})) as response:
        return response.read()
