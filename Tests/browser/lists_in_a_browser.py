"""BPS staff's lists in a browser: a village's list revised after a provisional re-ranking, and the
regency's list sent over a slow connection."""
import csv
import gzip
import http.server
import io
import os
import re
import socket
import threading
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from browser_support import ARTIFACTS, ROOT, SMALL_PHONE, Forum, browser, check, download, no_script_errors, shows, shows_element


def bps_revise_a_list_after_the_provisional_run(base):
    """BPS staff, on a 320-pixel phone, revise the second village's list (its forum only planned) after
    the provisional re-ranking listed its families: a broken file names its lines and columns and loads
    nothing; the revised one (a group changed, a family gone, one added whose name has an apostrophe,
    quotes and a letter beyond ASCII) is checked, then loaded, then loaded again to no effect; the
    village's list downloads as loaded, and the run's final list still downloads, as it was."""
    forum, driver = Forum(base), browser(SMALL_PHONE)
    upload = os.path.join(ARTIFACTS, "desa-dua.csv")
    try:
        forum.login(driver, "bps", "demo-bps-2026")
        driver.get(base + "/regions/3201/rerank")
        final_list = driver.find_element(By.CSS_SELECTOR, "a[href$='/final.csv']").get_attribute("href")
        listed = download(driver, final_list).decode("utf-8")
        driver.get(base + "/regions/3201010002")
        village = download(driver, driver.find_element(By.CSS_SELECTOR, "a[href$='/families.csv']").get_attribute("href")).decode("utf-8")
        rows = list(csv.reader(io.StringIO(village)))

        def send(table, only_check=False):
            with open(upload, "w", encoding="utf-8", newline="") as file:
                csv.writer(file, lineterminator="\n").writerows(table)
            driver.get(base + "/imports")
            form = driver.find_element(By.CSS_SELECTOR, "form[action='/imports/families']")
            form.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(upload)
            form.find_element(By.CSS_SELECTOR, "button[formaction='/imports/families/check']" if only_check else "button").click()

        broken = [list(row) for row in rows]
        broken[4][5], broken[9][8] = "7", broken[9][8][:-1]
        send(broken)
        check(shows(driver, "baris 5, kolom welfare_group: nilai '7'") and "baris 10, kolom head_nik" in driver.page_source,
              "a broken list names each bad line and column")
        past = [cell.text for cell in driver.find_elements(By.CSS_SELECTOR, "table.list tbody th a")]
        check("desa-dua.csv" not in past, f"and loads nothing: no batch of it among the past imports {past}")
        forum.shot(driver, "import-families-refused-phone")

        revised = [list(row) for row in rows]
        removed = revised.pop(6)
        revised[3][5] = "3" if revised[3][5] != "3" else "2"
        added = ["320100999999", rows[1][1], 'Nyi Mas "Ipah" Sa\'adah Ëndah', "Jl. Kenanga No. 5, Cibodas", "4", "2", "35.5",
                 "3201012345678901", "3201019876543210", "", ""]
        revised.append(added)
        send(revised, only_check=True)
        check(shows(driver, "Bila dimuat, 1 keluarga ditambah, 1 diubah, 1 dihapus"), "a check says what loading would change")
        send(revised)
        check(shows(driver, "1 keluarga ditambah, 1 diubah, 1 dihapus") and "/imports?batch=" in driver.current_url,
              "the revised list loads though the provisional run listed the family it removes")
        check(shows_element(driver, "main .notice a[href='/regions/3201/rerank']", "hasil #1, sementara"),
              "and says the provisional run, made before it, does not hold it")
        forum.shot(driver, "import-families-loaded-phone")
        send(revised)
        check(shows(driver, "Berkas yang sama tiba sekali lagi") and shows(driver, "tidak mengubah apa pun")
              and "&again=1" in driver.current_url, "the same list again changes nothing, and leads to the batch that loaded it")

        driver.get(base + "/regions/3201010002")
        now = list(csv.reader(io.StringIO(download(driver, driver.find_element(
            By.CSS_SELECTOR, "a[href$='/families.csv']").get_attribute("href")).decode("utf-8"))))
        check(now[0] == rows[0] and sorted(now[1:]) == sorted(revised[1:]), "the village's list downloads as it was loaded")
        check(download(driver, final_list).decode("utf-8") == listed and removed[0] in listed,
              "the run's final list still downloads as the run made it, the removed family on it")
        driver.get(base + "/regions/3201/rerank")
        check(shows_element(driver, "main .notice", "desa-dua.csv"), "and the re-ranking page names the list loaded since its latest run")
        forum.shot(driver, "rerank-lists-loaded-since-phone")
    finally:
        driver.quit()
        if os.path.exists(upload):
            os.remove(upload)


def bps_send_a_list_over_a_slow_connection(base):
    """BPS staff, on a 320-pixel phone whose connection sends 10 KB a second, send the regency's list
    (2,000 families, some 220 KB): the page compresses it first and sends it a quarter of its size, says
    how much has been sent and then that the server is checking it, and shows the check's answer in
    place; a sending cancelled midway loads nothing, nor does one whose connection is gone; a file over
    the server's limit is refused before a byte is sent."""
    forum, driver = Forum(base), browser(SMALL_PHONE)
    upload, too_large = os.path.join(ARTIFACTS, "kabupaten.csv"), os.path.join(ARTIFACTS, "terlalu-besar.csv")
    try:
        forum.login(driver, "bps", "demo-bps-2026")
        driver.get(base + "/regions/3201")
        rows = list(csv.reader(io.StringIO(download(driver, driver.find_element(
            By.CSS_SELECTOR, "a[href$='/families.csv']").get_attribute("href")).decode("utf-8"))))
        # A family of a village without a forum in another group: a load of this file would change it.
        changed = next(row for row in rows[1:] if row[1].startswith("3201020001"))
        changed[5] = "1" if changed[5] != "1" else "2"
        with open(upload, "w", encoding="utf-8", newline="") as file:
            csv.writer(file, lineterminator="\n").writerows(rows)

        def past_imports():
            driver.get(base + "/imports")
            return [row.text for row in driver.find_elements(By.CSS_SELECTOR, "table.list tbody tr")]

        def send(path, button="button"):
            form = driver.find_element(By.CSS_SELECTOR, "form[action='/imports/families']")
            form.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(path)
            form.find_element(By.CSS_SELECTOR, button).click()

        def sending():
            return driver.find_element(By.CSS_SELECTOR, "form[action='/imports/families'] .upload")

        before = past_imports()
        driver.set_network_conditions(offline=False, latency=50, download_throughput=256 * 1024, upload_throughput=10 * 1024)
        send(upload, "button[formaction='/imports/families/check']")
        check(shows_element(driver, ".upload", "Mengirim kabupaten.csv (223 KB, dipadatkan menjadi "),
              "the page says what is being sent, compressed first")
        compressed = int(re.search(r"dipadatkan menjadi (\d+) KB", sending().text).group(1))
        check(compressed < 223 / 3, f"compressed, the list is a third of its size or less ({compressed} KB)")
        WebDriverWait(driver, 10).until(lambda d: int(sending().find_element(By.TAG_NAME, "progress").get_attribute("value")) > 0)
        percent = int(sending().find_element(By.TAG_NAME, "progress").get_attribute("value"))
        check(percent < 100 and re.search(rf"[1-9]\d* KB dari {compressed} KB · [1-9]\d?%", sending().text),
              f"and how much of it has gone ({percent}%), in figures and a bar, while it is sent")
        check(all(b.get_attribute("disabled") for b in driver.find_elements(By.CSS_SELECTOR, "form[action='/imports/families'] button[type=submit]")),
              "and the form's buttons wait for the answer")
        forum.shot(driver, "import-sending-phone")
        check(shows_element(driver, ".upload", "sudah terkirim. Server sedang memeriksanya", timeout=20)
              or shows_element(driver, "main .notice", "Diperiksa, belum dimuat"), "once the file has arrived, that the server checks it")
        check(shows_element(driver, "main .notice", "Diperiksa, belum dimuat: kabupaten.csv", timeout=30) and "1 diubah" in driver.page_source,
              "the check's answer takes the page's place, as without the script")
        check(driver.switch_to.active_element.get_attribute("role") == "status" and driver.current_url == base + "/imports",
              "and the answer has the focus")

        send(upload)
        check(shows_element(driver, ".upload", f"KB dari {compressed} KB"), "a load begins to be sent")
        driver.find_element(By.XPATH, "//button[normalize-space()='Batalkan pengiriman']").click()
        check(shows_element(driver, ".upload.error", "Pengiriman kabupaten.csv dibatalkan: tidak ada yang dimuat"),
              "cancelled, it says that nothing was loaded")
        check(not any(b.get_attribute("disabled") for b in driver.find_elements(By.CSS_SELECTOR, "form[action='/imports/families'] button[type=submit]")),
              "and the form can be sent again")

        driver.set_network_conditions(offline=True, latency=0, download_throughput=0, upload_throughput=0)
        send(upload)
        check(shows_element(driver, ".upload.error", "Sambungan terputus sebelum kabupaten.csv terkirim seluruhnya: tidak ada yang dimuat"),
              "without a connection, it says the file was not sent and nothing was loaded")
        forum.shot(driver, "import-connection-lost-phone")
        driver.set_network_conditions(offline=False, latency=0, download_throughput=-1, upload_throughput=-1)
        check(past_imports() == before, "neither the cancelled load nor the one without a connection made a batch")

        with open(too_large, "wb") as file:
            file.truncate(201 * 1024 * 1024)  # sparse: the browser reads its size, never its bytes
        send(too_large)
        check(shows_element(driver, ".upload.error", "terlalu-besar.csv berukuran 201 MB, lebih besar dari 200 MB"),
              "a file over the server's limit is refused before it is sent, by its size and the limit")
        no_script_errors(driver, "BPS staff")
    finally:
        driver.quit()
        for path in (upload, too_large):
            if os.path.exists(path):
                os.remove(path)


def the_upload_script_when_the_server_does_not_answer():
    """The import page's script (public/js/upload.js) against a server of this test's own that takes the
    whole file and then closes the connection without an answer, as a phone's connection lost while a
    large list is checked: the page says the file had arrived and may have been loaded, and the form
    can be sent again; and against nginx's page for a server that does not answer (502), which takes
    the page's place as it would without the script. The server sees the file arrive compressed (gzip),
    and as it is from a browser that cannot compress."""
    with open(os.path.join(ROOT, "public", "js", "upload.js"), "rb") as file:
        script = file.read()
    with open(os.path.join(ROOT, "public", "errors", "502.html"), "rb") as file:
        gateway = file.read()
    page = ('<!DOCTYPE html><html lang="id"><head><title>Impor</title></head><body><main id="main">'
            '<form method="post" action="/cut" enctype="multipart/form-data" data-upload>'
            '<input type="hidden" name="csrf_token" value="t"><input type="file" name="file" required>'
            '<button type="submit">Unggah</button><button type="submit" formaction="/gateway">Periksa</button></form></main>'
            '<script src="/upload.js" data-limit="1048576" data-sending="Mengirim {file} ({total}).." data-figures="{sent}/{total}"'
            ' data-compressing="Memadatkan {file}" data-compressing-label="dipadatkan" data-sending-compressed="Mengirim {file} ({compressed})"'
            ' data-progress-label="terkirim" data-sent="{file} terkirim" data-cancel="Batal" data-cancelled="{file} batal"'
            ' data-lost-sending="{file} putus sebelum" data-lost-waiting="{file} putus sesudah" data-too-large="{file} besar"></script>'
            '</body></html>').encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body, kind = (script, "text/javascript") if self.path == "/upload.js" else (page, "text/html; charset=utf-8")
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):
            bodies.append(self.rfile.read(int(self.headers["Content-Length"])))
            if self.path == "/cut":
                # A second of checking first: the browser reports the body sent every tenth of a second.
                time.sleep(1)
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            self.send_response(502)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(gateway)))
            self.end_headers()
            self.wfile.write(gateway)

        def log_message(self, *arguments):
            pass

    bodies = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    driver, upload = browser(SMALL_PHONE), os.path.join(ARTIFACTS, "daftar.csv")
    try:
        with open(upload, "w", encoding="utf-8") as file:
            file.write("family_id\n" + "1\n" * 50_000)
        driver.get(f"http://127.0.0.1:{server.server_address[1]}/")
        driver.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(upload)
        driver.find_element(By.XPATH, "//button[normalize-space()='Unggah']").click()
        check(shows_element(driver, ".upload.error [role=alert]", "daftar.csv putus sesudah"),
              "a connection lost after the file arrived is said as such (it may have been loaded)")
        check(not driver.find_element(By.XPATH, "//button[normalize-space()='Unggah']").get_attribute("disabled"),
              "and the form can be sent again")
        check(b"\x1f\x8b" in bodies[-1] and b"family_id" not in bodies[-1] and len(bodies[-1]) < 2000,
              f"the 100 KB list arrived compressed ({len(bodies[-1])} bytes with the form's fields)")
        with gzip.open(upload + ".gz", "wb") as file:
            file.write(b"family_id\n" + b"2\n" * 50_000)
        with open(upload + ".gz", "rb") as file:
            chosen = file.read()
        driver.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(upload + ".gz")
        driver.find_element(By.XPATH, "//button[normalize-space()='Unggah']").click()
        check(shows_element(driver, ".upload.error [role=alert]", "daftar.csv.gz putus sesudah") and chosen in bodies[-1],
              "a file compressed already is sent as it is, not compressed twice")
        driver.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(upload)
        driver.execute_script("delete window.CompressionStream")
        driver.find_element(By.XPATH, "//button[normalize-space()='Unggah']").click()
        check(shows_element(driver, ".upload.error [role=alert]", "daftar.csv putus sesudah") and b"family_id\n1\n1\n" in bodies[-1],
              "a browser that cannot compress sends the list as it is")
        driver.find_element(By.XPATH, "//button[normalize-space()='Periksa']").click()
        check(shows_element(driver, "main h1", "Layanan sedang dimulai ulang") and not driver.find_elements(By.CSS_SELECTOR, "form"),
              "nginx's page for a server that does not answer takes the page's place")
        check(driver.switch_to.active_element.tag_name == "h1", "with the focus on its heading")
    finally:
        driver.quit()
        server.shutdown()
        for path in (upload, upload + ".gz"):
            if os.path.exists(path):
                os.remove(path)
