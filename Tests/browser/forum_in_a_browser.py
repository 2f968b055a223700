#!/usr/bin/env python3
"""A whole forum driven in a real headless Chromium against the demo server.

A facilitator opens the forum and takes attendance; the SLS head marks verdicts on a phone-sized
window; a community figure raises a challenge; the facilitator accepts it and the forum's summary
changes; the SLS head adds a missing family, which the figure challenges and the facilitator
accepts; two people save the same row and the second gets the conflict page; BPS staff upload a
list; an auditor reads the history on a phone. Screenshots of each step go to
test-artifacts/browser/, and every page shot must fit its window's width and pass axe-core's
accessibility checks (accessibility.py). Then BPS staff plan another village's forum and print its
invitations, one A4 sheet each (an invited SLS head opens hers on a phone, activates her account and
signs in), plan a district's forum above village level on a phone, and re-rank provisionally, then revise a village's list on a phone
(a broken file refused by line and column, the revised one checked and loaded, the run's list kept
as it was) and send the regency's list over a slow connection (its progress shown, a sending
cancelled or without a connection loading nothing, one cut off once the file arrived said as maybe
loaded, a file over the limit refused before it is sent); every account walks every page it is
shown on a 320-pixel phone (in Indonesian) and a desktop (in English), each checked the same way,
and the pages people print must fit A4. Last, the forum ends: the last challenge is decided by a
vote, the rest of the lists entered from paper, the minutes signed on screen and on paper (a
representative's place, a refusal answered by the level above), the forum closed by BPS staff (the
SLS head's and BPS staff's pages walked again, closed) and reopened by an administrator.
Usage: forum_in_a_browser.py PATH_TO_FKP_BINARY
"""
import concurrent.futures
import os
import re
import shutil
import signal
import subprocess
import sys
import time

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

import accessibility
from browser_support import (A4_PRINTABLE_WIDTH, ARTIFACTS, CLUSTER, DESKTOP, PHONE, ROOT, SMALL_PHONE, Forum, browser, check,
                             download, free_port, no_script_errors, saved, shows, shows_element, start_demo)
from lists_in_a_browser import (bps_revise_a_list_after_the_provisional_run, bps_send_a_list_over_a_slow_connection,
                                the_upload_script_when_the_server_does_not_answer)

# The forum's own people first (each kind of page is checked as the first of them who reaches it).
ACCOUNTS = [("ketua.rt", "demo-ketua-2026"), ("tokoh", "demo-tokoh-2026"), ("fasilitator", "demo-fasilitator-2026"),
            ("bps", "demo-bps-2026"), ("auditor", "demo-auditor-2026"), ("admin", "demo-admin-2026")]


def run(base):
    forum = Forum(base)
    facilitator, head, figure = browser(DESKTOP), browser(PHONE), browser(PHONE)
    try:
        print("The facilitator opens the forum and takes attendance")
        forum.login(facilitator, "fasilitator", "demo-fasilitator-2026")
        facilitator.get(base + "/forums/1")
        # The demo's forum is planned for the next day: opening it today is asked to be confirmed,
        # and the button alone (the browser keeps the unticked form) opens nothing.
        check(shows(facilitator, "Forum ini dijadwalkan"), "the page says the forum's day has not come")
        forum.click_button(facilitator, "Buka forum")
        check(not shows(facilitator, "Dibuka (daftar hadir)", timeout=2), "an untouched confirmation opens nothing")
        facilitator.find_element(By.CSS_SELECTOR, "input[name='early']").click()
        forum.click_button(facilitator, "Buka forum")
        check(shows(facilitator, "Dibuka (daftar hadir)"), "the forum is open")
        facilitator.get(base + "/forums/1/attendance")
        person = facilitator.find_element(By.XPATH, "//li[contains(., 'Demo ketua.rt')]")
        person.find_element(By.CSS_SELECTOR, "input[value='yes']").click()
        person.find_element(By.NAME, "representative").send_keys("Ibu Ketua (istri)")
        person.find_element(By.CSS_SELECTOR, "button").click()
        check(shows(facilitator, "1 hadir"), "the SLS head is recorded present, with a representative")
        forum.shot(facilitator, "attendance")
        facilitator.get(base + "/forums/1")
        forum.click_button(facilitator, "Mulai pembahasan daftar")
        check(shows(facilitator, "Pembahasan daftar"), "the review has started")
        unit = facilitator.find_element(By.CSS_SELECTOR, "a[href^='/forums/1/units/']").get_attribute("href")
        forum.shot(facilitator, "forum-reviewing")

        print("The SLS head marks verdicts on a 360-pixel phone")
        forum.login(head, "ketua.rt", "demo-ketua-2026")
        check(head.current_url.endswith("/forums/mine"), "after signing in the SLS head sees their forums")
        head.find_element(By.CSS_SELECTOR, "a.button[href^='/forums/1/units/']").click()
        WebDriverWait(head, 10).until(lambda d: d.current_url == unit)
        check(True, "one tap leads to their own list")
        width, scroll = head.execute_script("return [window.innerWidth, document.documentElement.scrollWidth]")
        check(width == PHONE[0] and scroll <= PHONE[0], f"the review page fits a {width}-pixel screen without sideways scrolling")
        rows = head.find_elements(By.CSS_SELECTOR, "li.fam")
        check(len(rows) >= 50, f"the unit's list is shown ({len(rows)} families)")
        first, second = rows[0], rows[1]
        first.find_element(By.CSS_SELECTOR, "input[value='sesuai']").click()
        WebDriverWait(head, 10).until(saved(first))
        check(True, "'sesuai' saves in place, without reloading")
        second.find_element(By.CSS_SELECTOR, "input[value='tidak_sesuai']").click()
        Select(second.find_element(By.NAME, "proposed_group")).select_by_index(1)
        second.find_element(By.NAME, "reason").send_keys("Rumah sudah permanen, punya motor")
        second.find_element(By.CSS_SELECTOR, "button[type='submit']").click()
        WebDriverWait(head, 10).until(saved(second))
        check(True, "'tidak sesuai' with a group and a reason saves in place")
        forum.shot(head, "head-verdicts-phone")
        head.get(unit + "/print")
        forum.shot(head, "print-view-phone")
        head.get(unit)
        first = head.find_elements(By.CSS_SELECTOR, "li.fam")[0]
        check("v-sesuai" in first.get_attribute("class"), "the verdict is there after a reload")
        names = head.execute_script(
            "return [...document.querySelectorAll('li.fam:not(.v-added) p.who')].map(p => p.childNodes[1].textContent.trim())")
        name = next(n for n in names if " " in n)
        box = head.find_element(By.NAME, "q")
        box.send_keys(name, Keys.ENTER)
        WebDriverWait(head, 10).until(lambda d: "q=" in d.current_url)
        shown = head.execute_script(
            "return [...document.querySelectorAll('li.fam:not(.v-added) p.who')].map(p => p.childNodes[1].textContent.trim())")
        check(0 < len(shown) < len(names) and all(name.lower() in n.lower() for n in shown),
              f"searching the list for '{name}' shows that family ({len(shown)} of {len(names)})")
        check(head.find_element(By.NAME, "q").get_attribute("value") == name, "and the box keeps the name as typed")
        head.get(unit)
        no_script_errors(head, "the SLS head")

        print("A community figure raises a challenge")
        third_id = head.find_elements(By.CSS_SELECTOR, "li.fam")[2].get_attribute("id")[2:]
        forum.login(figure, "tokoh", "demo-tokoh-2026")
        figure.get(f"{base}/forums/1/families/{third_id}")
        preliminary = int(figure.find_element(By.XPATH, "//dl[@class='facts']/dd[1]").text.split()[0])
        proposed = 1 if preliminary != 1 else 2
        forum.raise_group_challenge(figure, proposed, "Kepala keluarga sakit, tidak bekerja lagi")
        check(shows(figure, "Terbuka"), "the challenge is open on the family's page")
        forum.shot(figure, "challenge-raised-phone")

        print("The facilitator accepts it by consensus, and the summary changes")
        before = forum.summary_after(facilitator)
        forum.accept_first_open_challenge(facilitator, "Disepakati seluruh peserta")
        check(shows(facilitator, "Diterima"), "the challenge is accepted")
        forum.shot(facilitator, "challenge-accepted")
        after = forum.summary_after(facilitator)
        check(after[proposed - 1] == before[proposed - 1] + 1 and after[preliminary - 1] == before[preliminary - 1] - 1,
              f"the summary after the forum moved the family from group {preliminary} to {proposed}: {before} → {after}")
        forum.shot(facilitator, "summary-changed")
        facilitator.get(f"{base}/forums/1/families/{third_id}")
        check(shows(facilitator, "Sanggahan #1"), "the family's history names the decision")

        print("The SLS head adds a missing family on the phone; the figure challenges it; the facilitator accepts")
        head.get(unit)
        adding = head.find_element(By.CSS_SELECTOR, "form[action$='/added']")
        adding.find_element(By.NAME, "head_name").send_keys("Ujang Sobari")
        adding.find_element(By.NAME, "address").send_keys("Kp. Babakan RT 01")
        adding.find_element(By.NAME, "members").send_keys("4")
        Select(adding.find_element(By.NAME, "proposed_group")).select_by_value("3")
        adding.find_element(By.NAME, "reason").send_keys("Pindahan 2023, belum terdata")
        adding.find_element(By.CSS_SELECTOR, "button").click()
        check(shows(head, "Ujang Sobari"), "the added family is listed under the unit's added families")
        forum.shot(head, "family-added-phone")
        before = forum.summary_after(facilitator)
        figure.get(unit)
        figure.find_element(By.CSS_SELECTOR, "li.v-added p.links a").click()
        check(shows(figure, "Alasan ditambahkan"), "the added family has its own page")
        forum.raise_group_challenge(figure, 2, "Suami baru kehilangan pekerjaan")
        check(shows(figure, "Terbuka"), "the challenge on the added family is open on its page")
        forum.shot(figure, "added-family-challenged-phone")
        forum.accept_first_open_challenge(facilitator)
        check(shows(facilitator, "Belum ada sanggahan.") and not facilitator.find_elements(By.CSS_SELECTOR, "form.decision"),
              "the challenge on the added family is decided")
        after = forum.summary_after(facilitator)
        check(after[1] == before[1] + 1 and after[2] == before[2] - 1,
              f"the summary counts the added family in the accepted group 2 instead of 3: {before} → {after}")

        print("Two people save the same row")
        facilitator.get(unit)
        head.get(unit)
        head_row = head.find_elements(By.CSS_SELECTOR, "li.fam")[3]
        head_row.find_element(By.CSS_SELECTOR, "input[value='sesuai']").click()
        WebDriverWait(head, 10).until(saved(head_row))
        stale_row = facilitator.find_elements(By.CSS_SELECTOR, "li.fam")[3]
        stale_row.find_element(By.CSS_SELECTOR, "input[value='tidak_berpendapat']").click()
        check(shows(facilitator, "Baris ini sudah diubah orang lain"), "the second save gets the conflict page, nothing overwritten")
        forum.shot(facilitator, "conflict")
        forum.click_button(facilitator, "Simpan nilai saya menggantikannya")
        WebDriverWait(facilitator, 10).until(lambda d: "#f-" in d.current_url)
        row_id = facilitator.current_url.split("#")[-1]
        row = facilitator.find_element(By.ID, row_id)
        check("v-tidak_berpendapat" in row.get_attribute("class"), f"choosing one's own value saves it ({row_id})")
        no_script_errors(facilitator, "the facilitator")

        print("The SLS head marks a row as another's duplicate by the number read out")
        head.get(unit)
        rows = head.find_elements(By.CSS_SELECTOR, "li.fam:not(.v-added)")
        kept, double = rows[4], rows[5]
        kept_number = kept.find_element(By.CSS_SELECTOR, "p.who b").text
        double_number = double.find_element(By.CSS_SELECTOR, "p.who b").text
        kept_name = head.execute_script("return arguments[0].querySelector('p.who').childNodes[1].textContent.trim()", kept)
        double.find_element(By.TAG_NAME, "summary").click()
        Select(double.find_element(By.NAME, "presence")).select_by_value("duplicate")
        double.find_element(By.NAME, "other_family").send_keys(kept_number)
        double.find_element(By.CSS_SELECTOR, "button[type='submit']").click()
        WebDriverWait(head, 10).until(saved(double))
        check(True, f"row {double_number} is saved as a duplicate of number {kept_number}")
        # The other row marked back would take the family off the final list twice over: refused in place.
        kept.find_element(By.TAG_NAME, "summary").click()
        Select(kept.find_element(By.NAME, "presence")).select_by_value("duplicate")
        kept.find_element(By.NAME, "other_family").send_keys(double_number)
        kept.find_element(By.CSS_SELECTOR, "button[type='submit']").click()
        WebDriverWait(head, 10).until(lambda d: "Tandai satu baris saja" in kept.find_element(By.CSS_SELECTOR, ".status").text)
        check("has-error" in kept.get_attribute("class"), "marking the kept row back is refused, in its row")
        colour = head.execute_script("return getComputedStyle(arguments[0]).color", kept.find_element(By.CSS_SELECTOR, ".status"))
        check(colour == "rgb(179, 38, 30)", f"the refusal is written in the error colour, not the 'saved' green ({colour})")
        forum.shot(head, "duplicate-by-number-phone")
        head.get(unit)
        double = head.find_elements(By.CSS_SELECTOR, "li.fam:not(.v-added)")[5]
        check(f"→ {kept_number}. {kept_name}" in double.text, f"after a reload the row names number {kept_number} ({kept_name})")
        check(double.find_element(By.NAME, "other_family").get_attribute("value") == f"no. {kept_number}", "and its field the number")
        kept = head.find_elements(By.CSS_SELECTOR, "li.fam:not(.v-added)")[4]
        check(kept.find_element(By.NAME, "presence").get_attribute("value") == "present", "the kept row stays on the list")

        print("The minutes on a phone, and the regency overview for BPS staff")
        head.get(base + "/forums/1/minutes")
        check(shows(head, "Berita Acara Forum Konsultasi Publik"), "the minutes are generated from the forum")
        check("Ibu Ketua (istri)" in head.page_source, "the minutes name the representative who came")
        forum.shot(head, "minutes-phone")
        staff = browser(DESKTOP)
        try:
            forum.login(staff, "bps", "demo-bps-2026")
            staff.get(base + "/regions/3201/overview")
            check(shows(staff, "Ikhtisar kabupaten/kota"), "the regency overview opens")
            check(len(staff.find_elements(By.CSS_SELECTOR, "figure.chart svg rect")) > 4, "the chart is drawn by the server")
            forum.shot(staff, "overview")
            # A list uploaded through the form, its token a hidden field: a broken file first.
            staff.get(base + "/imports")
            check("demo-3201-families.csv" in staff.page_source, "the demo's lists are the import page's first batches")
            upload = os.path.join(ARTIFACTS, "rt-baru.csv")
            for level, expected in (("kampung", "baris 2, kolom level: nilai 'kampung'"), ("sls", "rt-baru.csv: 1 baris; 1 wilayah ditambah")):
                with open(upload, "w", encoding="utf-8") as file:
                    file.write(f"code,name,level\n32010100010099,RT 099 / RW 009,{level}\n")
                form = staff.find_element(By.CSS_SELECTOR, "form[action='/imports/regions']")
                form.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(upload)
                form.find_element(By.TAG_NAME, "button").click()
                check(shows(staff, expected), f"the upload of a {level} row says '{expected}'")
                check("csrf_token" not in staff.current_url, "no token in the page's address")
                if level == "kampung":
                    # The good file checked first ("Periksa saja": the form's second button posts elsewhere), then loaded.
                    with open(upload, "w", encoding="utf-8") as file:
                        file.write("code,name,level\n32010100010099,RT 099 / RW 009,sls\n")
                    form = staff.find_element(By.CSS_SELECTOR, "form[action='/imports/regions']")
                    form.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(upload)
                    form.find_element(By.CSS_SELECTOR, "button[formaction='/imports/regions/check']").click()
                    check(shows(staff, "Diperiksa, belum dimuat: rt-baru.csv: 1 baris tanpa masalah. Bila dimuat, 1 wilayah ditambah"),
                          "a file only checked says what loading it would change")
            os.remove(upload)
            forum.shot(staff, "import")
            no_script_errors(staff, "BPS staff")
        finally:
            staff.quit()

        print("BPS staff read the lists' format on a phone")
        staff = browser(PHONE)
        try:
            forum.login(staff, "bps", "demo-bps-2026")
            staff.get(base + "/imports")
            staff.find_element(By.LINK_TEXT, "Format berkas dan templatnya").click()
            check(shows(staff, "Format berkas impor") and "<code>head_nik</code>" in staff.page_source,
                  "the import page leads to the lists' columns")
            template = staff.find_element(By.CSS_SELECTOR, "a[href='/imports/format/families.csv']").get_attribute("href")
            check(download(staff, template).decode("utf-8-sig").startswith("family_id,sls_code,head_name"), "the template is the families header")
            forum.shot(staff, "import-format-phone")
            no_script_errors(staff, "BPS staff on a phone")
        finally:
            staff.quit()

        print("An auditor reads the forum's history on a phone")
        auditor = browser(PHONE)
        try:
            forum.login(auditor, "auditor", "demo-auditor-2026")
            auditor.get(base + "/audit?forum=1")
            entries = auditor.find_elements(By.CSS_SELECTOR, "ol.audit > li")
            check(len(entries) >= 5, f"the forum's changes are listed ({len(entries)} on the first page)")
            check("Menilai keluarga" in auditor.page_source and "<s>Sesuai</s> → Tidak berpendapat" in auditor.page_source,
                  "actions and values read in plain words, the old value struck through")
            forum.shot(auditor, "audit-phone")
        finally:
            auditor.quit()

        print("The facilitator enters another unit's paper list by keyboard")
        facilitator.get(base + "/forums/1/units/32010100010002/paper")
        facilitator.find_element(By.CSS_SELECTOR, "input[name^='c_']").click()
        codes = facilitator.find_elements(By.CSS_SELECTOR, "input[name^='c_']")
        second_group = int(facilitator.find_elements(By.CSS_SELECTOR, "table.paper-entry tbody tr")[1].find_elements(By.TAG_NAME, "td")[2].text)
        proposed = 4 if second_group != 4 else 3
        typing = ActionChains(facilitator)
        typing.send_keys("s", Keys.ENTER, f"t{proposed}", Keys.ENTER, "Sudah punya warung", Keys.ENTER, "b", Keys.ENTER).perform()
        check(facilitator.switch_to.active_element == codes[3], "Enter moves from row to row, by way of the reason a code needs")
        forum.shot(facilitator, "paper-keyboard")
        ActionChains(facilitator).key_down(Keys.CONTROL).send_keys(Keys.ENTER).key_up(Keys.CONTROL).perform()
        check(shows(facilitator, "Baris tersimpan: 3"), "Ctrl+Enter saves the three rows typed")
        facilitator.get(base + "/forums/1/units/32010100010002")
        verdicts = [row.get_attribute("class") for row in facilitator.find_elements(By.CSS_SELECTOR, "li.fam")[:4]]
        check("v-sesuai" in verdicts[0] and "v-tidak_sesuai" in verdicts[1] and "v-tidak_berpendapat" in verdicts[2]
              and "v-none" in verdicts[3], f"the list holds what was typed: {verdicts}")
        no_script_errors(facilitator, "the facilitator")

        print("The same page in English")
        facilitator.get(unit + "?lang=en")
        check("Does not fit" in facilitator.page_source and "Cannot judge" in facilitator.page_source, "the page speaks English on request")
        forum.shot(facilitator, "english")
        facilitator.get(unit + "?lang=id")

        print("A session that ends while a person types loses nothing typed")
        figure.get(unit)
        family_id = figure.find_elements(By.CSS_SELECTOR, "li.fam")[4].get_attribute("id")[2:]
        figure.get(f"{base}/forums/1/families/{family_id}")
        preliminary = int(figure.find_element(By.XPATH, "//dl[@class='facts']/dd[1]").text.split()[0])
        figure.find_element(By.CSS_SELECTOR, "input[name='kind'][value='group']").click()
        Select(figure.find_element(By.NAME, "proposed_group")).select_by_value(str(1 if preliminary != 1 else 2))
        figure.find_element(By.NAME, "reason").send_keys("Anak sulung sudah bekerja di kota")
        # The page's clock moved on by some minutes, then a key pressed: the script asks the server.
        later = ("const now = Date.now; Date.now = () => now() + arguments[0] * 60000;"
                 "window.dispatchEvent(new KeyboardEvent('keydown'));")
        alert = "main > p.error[role=alert]"
        figure.execute_script(later, 6)
        time.sleep(1)
        check(not figure.find_elements(By.CSS_SELECTOR, alert), "while the session lives, asking says nothing")
        typing = figure.current_window_handle

        def in_another_tab(action):
            figure.switch_to.new_window("tab")
            action()
            figure.close()
            figure.switch_to.window(typing)

        def log_out():
            figure.get(base + "/forums/mine")
            figure.find_element(By.CSS_SELECTOR, "form[action='/logout'] button").click()
            WebDriverWait(figure, 10).until(lambda d: "/login" in d.current_url)

        in_another_tab(log_out)
        figure.execute_script("window.scrollTo(0, document.body.scrollHeight)")
        figure.execute_script(later, 6)
        # The words are in the page from the start (the script's data-ended): wait for the note itself.
        check(shows_element(figure, alert, "Sesi Anda sudah berakhir"), "after a logout elsewhere the page says the session has ended")
        top = figure.execute_script(f"return document.querySelector('{alert}').getBoundingClientRect().top")
        check(0 <= top < 50, f"and says it in sight, at the bottom of the page (at {top} pixels)")
        forum.shot(figure, "session-ended-phone")
        in_another_tab(lambda: forum.login(figure, "tokoh", "demo-tokoh-2026"))
        figure.execute_script(later, 1)
        WebDriverWait(figure, 10).until(lambda d: not d.find_elements(By.CSS_SELECTOR, alert))
        check(True, "signed in again in another tab, the note goes at the next key pressed")
        forum.click_button(figure, "Ajukan sanggahan")
        check(shows(figure, "Anak sulung sudah bekerja di kota"), "and the challenge typed before is sent with the new session")
        no_script_errors(figure, "the community figure")

        print("A verdict tapped after the session ended is not lost either")
        head.get(unit)
        listing = head.current_window_handle
        head.switch_to.new_window("tab")
        head.get(base + "/forums/mine")
        head.find_element(By.CSS_SELECTOR, "form[action='/logout'] button").click()
        WebDriverWait(head, 10).until(lambda d: "/login" in d.current_url)
        head.close()
        head.switch_to.window(listing)
        row = head.find_elements(By.CSS_SELECTOR, "li.fam")[5]
        row.find_element(By.CSS_SELECTOR, "input[value='tidak_berpendapat']").click()
        WebDriverWait(head, 10).until(lambda d: row.find_element(By.CSS_SELECTOR, ".status").text.startswith("Belum tersimpan"))
        check(head.current_url == unit, "the row says it was not saved, and the page stays with what was chosen")
        check(shows_element(head, alert, "Sesi Anda sudah berakhir"), "and the page says the session has ended")
        head.switch_to.new_window("tab")
        forum.login(head, "ketua.rt", "demo-ketua-2026")
        head.close()
        head.switch_to.window(listing)
        head.execute_script(later, 1)
        WebDriverWait(head, 10).until(lambda d: not d.find_elements(By.CSS_SELECTOR, alert))
        row.find_element(By.CSS_SELECTOR, "button[type='submit']").click()
        WebDriverWait(head, 10).until(saved(row))
        check("v-tidak_berpendapat" in row.get_attribute("class"), "signed in again elsewhere, saving the row again works")
        no_script_errors(head, "the SLS head")

        print("Without JavaScript, a verdict sent after the session ended is held until the head signs in again")
        plain = browser(PHONE)
        try:
            # The site's scripts never arrive, as in a browser without JavaScript or one that runs it on a
            # proxy (the driver itself needs JavaScript, so the browser keeps it).
            plain.execute_cdp_cmd("Network.enable", {})
            plain.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*/js/*"]})
            forum.login(plain, "ketua.rt", "demo-ketua-2026")
            plain.get(unit)
            row = plain.find_elements(By.CSS_SELECTOR, "li.fam")[7]
            row_id = row.get_attribute("id")
            head_name = plain.execute_script("return arguments[0].querySelector('p.who').childNodes[1].textContent.trim()", row)
            plain.delete_cookie("fkp_session")  # as after half an hour without a request: the session is gone
            row.find_element(By.CSS_SELECTOR, "input[value='tidak_sesuai']").click()
            Select(row.find_element(By.NAME, "proposed_group")).select_by_index(1)
            row.find_element(By.NAME, "reason").send_keys("Sudah punya sawah sendiri")
            row.find_element(By.CSS_SELECTOR, "button[type='submit']").click()
            check(shows(plain, "yang baru Anda kirim belum tersimpan"), "the login page says what was sent is not saved yet")
            forum.login(plain, "ketua.rt", "demo-ketua-2026")
            check(shows(plain, "Kirim lagi formulir Anda") and "Sudah punya sawah sendiri" in plain.page_source,
                  "signed in again, the form is offered with what it holds")
            check(f"8. {head_name}" in plain.find_element(By.TAG_NAME, "main").text, f"and names the family it is about ({head_name})")
            forum.shot(plain, "held-form-phone")
            forum.click_button(plain, "Kirim")
            WebDriverWait(plain, 10).until(lambda d: d.current_url.endswith("#" + row_id))
            check("v-tidak_sesuai" in plain.find_element(By.ID, row_id).get_attribute("class"), "sent, the verdict is saved in its row")
        finally:
            plain.quit()
    finally:
        for driver in (facilitator, head, figure):
            driver.quit()


def rerank_provisionally(base):
    """BPS staff re-rank the regency before its forum has closed (provisional), pressing the button
    twice as someone waiting on a large regency would: one run is made. The runs and the final lists
    of the villages are pages too. Returns the address of the first village's final list."""
    forum, driver = Forum(base), browser(DESKTOP)
    try:
        forum.login(driver, "bps", "demo-bps-2026")
        driver.get(base + "/regions/3201/rerank")
        # Held on the page: once pressed, the button says the work is going on and cannot be pressed again.
        driver.execute_script("document.querySelector('form[data-once]').addEventListener('submit', function (e) { e.preventDefault(); });")
        driver.find_element(By.CSS_SELECTOR, "form[action='/regions/3201/rerank'] button").click()
        WebDriverWait(driver, 5).until(lambda d: d.find_element(By.CSS_SELECTOR, "form[data-once] button").get_attribute("disabled"))
        check(driver.find_element(By.CSS_SELECTOR, "form[data-once] button").text == "Sedang memeringkat…",
              "a pressed re-ranking button is disabled and says the ranking goes on")
        driver.get(base + "/regions/3201/rerank")
        driver.find_element(By.NAME, "allow_open").click()
        button = driver.find_element(By.CSS_SELECTOR, "form[action='/regions/3201/rerank'] button")
        driver.execute_script("arguments[0].click(); arguments[0].click();", button)
        check(shows(driver, "/villages/3201010001"), "a provisional re-ranking lists its villages' final lists")
        runs = driver.find_elements(By.CSS_SELECTOR, "ol.runs > li")
        check([run.get_attribute("id") for run in runs] == ["run-1"], "the button pressed twice made one run")
        return driver.find_element(By.CSS_SELECTOR, "a[href$='/villages/3201010001']").get_attribute("href")
    finally:
        driver.quit()


def printed_pages_fit_a4(base, pages):
    """The pages people print (the unit's forum list, the minutes, a village's final list, a unit's
    families) lay out, as printed, within an A4 page's printable width (see `fits_a4_as_printed`)."""
    forum, driver = Forum(base), browser((A4_PRINTABLE_WIDTH, 900))
    try:
        forum.login(driver, "bps", "demo-bps-2026")
        for page in pages:
            driver.get(page)
            fits_a4_as_printed(driver, page.removeprefix(base))
    finally:
        driver.quit()


def fits_a4_as_printed(driver, name):
    """The page the driver shows (a window A4_PRINTABLE_WIDTH wide: 210 mm less the stylesheet's two
    15 mm margins), laid out for print: no column cut off, nothing hidden in a frame that scrolls on a
    screen but not on paper, and no number broken across two lines."""
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        cut = driver.execute_script("""
            const width = arguments[0], cut = [];
            if (document.documentElement.scrollWidth > width) cut.push('the page: ' + document.documentElement.scrollWidth);
            for (const e of document.querySelectorAll('.scroll, table, pre')) {
                if (e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > width + 0.5)
                    cut.push(e.tagName.toLowerCase() + '.' + e.className + ': ' + e.scrollWidth + ' pixels');
            }
            return cut;""", A4_PRINTABLE_WIDTH)
        check(not cut, f"{name}, printed, fits an A4 page's width {cut if cut else ''}")
        broken = driver.execute_script("""
            const broken = [];
            for (const cell of document.querySelectorAll('td.n')) {
                const text = document.createRange();
                text.selectNodeContents(cell);
                // A box below the ones before it starts a line (a link and its text share one).
                const boxes = [...text.getClientRects()].sort((a, b) => a.top - b.top);
                let lines = boxes.length ? 1 : 0, bottom = boxes.length ? boxes[0].bottom : 0;
                for (const box of boxes.slice(1)) {
                    if (box.top >= bottom - 1) { lines++; bottom = box.bottom; } else bottom = Math.max(bottom, box.bottom);
                }
                if (lines > 1) broken.push(cell.textContent);
            }
            return broken.slice(0, 5);""")
        check(not broken, f"and no number in it breaks across two lines {broken if broken else ''}")
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def bps_plan_a_forum_and_print_its_invitations(base):
    """BPS staff plan the second village's forum through the plan form (a date and times in the
    village's zone, three units, a facilitator; the form first sent without one, which it names and
    keeps what was typed), invite two SLS heads and a community figure, and print every invitation:
    one A4 sheet each, with the person's name, user name and activation code, the address to open
    and its QR code."""
    forum, driver = Forum(base), browser((A4_PRINTABLE_WIDTH, 900))
    try:
        forum.login(driver, "bps", "demo-bps-2026")
        driver.get(base + "/regions/3201010002/forums/new")
        # Date and time fields take typing in the browser's own format: the values are set as the form sends them.
        driver.execute_script("""for (const [name, value] of [['date', '2026-12-20'], ['starts', '09:00'], ['ends', '12:00']])
                                     document.querySelector(`input[name=${name}]`).value = value;""")
        driver.find_element(By.NAME, "venue").send_keys("Balai Desa Ciherang Mulya")
        for unit in driver.find_elements(By.CSS_SELECTOR, "input[name='units[]']:not([disabled])")[:3]:
            unit.click()
        forum.click_button(driver, "Simpan rencana forum")
        check(shows_element(driver, "main", "Pilih fasilitator"), "sent without a facilitator, the plan is refused, saying so")
        kept = len(driver.find_elements(By.CSS_SELECTOR, "input[name='units[]']:checked"))
        check(kept == 3 and driver.find_element(By.NAME, "venue").get_attribute("value") == "Balai Desa Ciherang Mulya",
              "and keeps the units and the venue chosen")
        forum.shot(driver, "plan-refused")
        Select(driver.find_element(By.CSS_SELECTOR, "main select")).select_by_index(1)
        forum.click_button(driver, "Simpan rencana forum")
        WebDriverWait(driver, 10).until(lambda d: re.search(r"/forums/\d+$", d.current_url))
        check(shows_element(driver, "main", "Balai Desa Ciherang Mulya"), "planned, the forum's page shows it")
        invitations = driver.current_url + "/invitations"
        driver.get(invitations)
        people = [("Bapak Ujang Suryana", 1), ("Ibu Neneng Hasanah", 2), ("H. Oman Abdurrahman", None)]
        for name, unit in people:
            Select(driver.find_element(By.NAME, "kind")).select_by_value("sls_head" if unit else "community_figure")
            driver.find_element(By.NAME, "full_name").send_keys(name)
            if unit:
                Select(driver.find_element(By.NAME, "sls_code")).select_by_index(unit)
            forum.click_button(driver, "Buat undangan")
            check(shows_element(driver, "main", name), f"{name} is invited")
            driver.get(invitations)
        forum.shot(driver, "invitations")
        forum.click_button(driver, "Cetak semua undangan (A4)")
        check(shows(driver, "Undangan Forum Konsultasi Publik"), "every invitation waiting is printed")
        sheets = driver.find_elements(By.CSS_SELECTOR, "article.sheet")
        check(len(sheets) == len(people) and all(name in driver.page_source for name, _ in people),
              f"one sheet for each person invited ({len(sheets)})")
        addresses = [code.text for code in driver.find_elements(By.CSS_SELECTOR, "article.sheet code.address")]
        check(len(addresses) == len(people) and all(a.startswith(base + "/activate?code=") for a in addresses)
              and len(driver.find_elements(By.CSS_SELECTOR, "article.sheet figure.qr svg")) == len(people),
              "each prints the whole address to open, and the same as a QR code")
        forum.shot(driver, "invitation-sheets")
        fits_a4_as_printed(driver, "the invitation sheets")
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        breaks = driver.execute_script("return [...document.querySelectorAll('article.sheet')].map(s => getComputedStyle(s).breakAfter)")
        check(breaks[:-1] == ["page"] * (len(breaks) - 1), f"each sheet on a page of its own: {breaks}")
        second = driver.find_elements(By.CSS_SELECTOR, "article.sheet")[1]
        username = second.find_element(By.CSS_SELECTOR, "dd strong").text
        check(username.startswith("neneng."), f"the account is named by the person's name, not 'Ibu': {username}")
        the_invited_head_activates_on_a_phone(base, addresses[1], username)
    finally:
        driver.quit()


def bps_plan_a_districts_forum_on_a_phone(base):
    """Where a city holds its forums above village level, BPS staff plan a district's forum on a
    320-pixel phone: its villages' units fold by village, opened to choose one unit in each of two
    villages (a unit already in a forum cannot be chosen), a facilitator of another village refused;
    the forum names each unit with its village, and each village's forum list shows it."""
    forum, phone = Forum(base), browser(SMALL_PHONE)
    try:
        forum.login(phone, "bps", "demo-bps-2026")
        phone.get(base + "/regions/3201010/forums")
        phone.find_element(By.LINK_TEXT, "Rencanakan forum").click()
        villages = phone.find_elements(By.CSS_SELECTOR, "details.village")
        check(len(villages) >= 3 and not any(v.get_attribute("open") for v in villages),
              f"the district's units are listed by village, folded ({len(villages)} villages)")
        check(phone.find_elements(By.CSS_SELECTOR, "details.village input[name='units[]'][disabled]"),
              "units already in a forum cannot be chosen")
        phone.execute_script("""for (const [name, value] of [['date', '2026-12-21'], ['starts', '13:00'], ['ends', '16:00']])
                                    document.querySelector(`input[name=${name}]`).value = value;""")
        phone.find_element(By.NAME, "venue").send_keys("Aula Kecamatan")
        chosen = []
        for village in villages[1:3]:
            village.find_element(By.TAG_NAME, "summary").click()
            unit = village.find_elements(By.CSS_SELECTOR, "input[name='units[]']:not([disabled])")[-1]
            unit.click()
            chosen.append(unit.get_attribute("value"))
        # The demo's first facilitator serves Desa Cikadu Jaya, none of whose units is free; the
        # second serves Desa Ciherang Mulya, whose unit is chosen.
        Select(phone.find_element(By.NAME, "facilitator")).select_by_visible_text(
            "Demo fasilitator (fasilitator, Fasilitator Desa Cikadu Jaya)")
        forum.shot(phone, "plan-district-phone")
        forum.click_button(phone, "Simpan rencana forum")
        check(shows_element(phone, "main", "Demo fasilitator bertugas di wilayah yang tidak memuat satu pun SLS forum ini"),
              "a facilitator of a village none of whose units the forum takes is refused, by name")
        check(len(phone.find_elements(By.CSS_SELECTOR, "input[name='units[]']:checked")) == 2, "the units chosen stay chosen")
        Select(phone.find_element(By.NAME, "facilitator")).select_by_visible_text(
            "Demo fasilitator.dua (fasilitator.dua, Fasilitator Desa Ciherang Mulya)")
        forum.click_button(phone, "Simpan rencana forum")
        WebDriverWait(phone, 10).until(lambda d: re.search(r"/forums/\d+$", d.current_url))
        address = phone.current_url
        main = phone.find_element(By.TAG_NAME, "main").text
        check("Aula Kecamatan" in main and main.count(" · Desa ") >= 2, "planned, the forum names each unit with its village")
        for unit in chosen:
            phone.get(base + f"/regions/{unit[:10]}/forums")
            check(phone.find_elements(By.CSS_SELECTOR, f"main a[href='{address[len(base):]}']"),
                  f"the forum list of village {unit[:10]} shows the district's forum")
        no_script_errors(phone, "BPS staff")
    finally:
        phone.quit()


def the_invited_head_activates_on_a_phone(base, address, username):
    """The second SLS head opens the address printed on her invitation on a 320-pixel phone (the code
    filled in), chooses a password, signs in with her account's name filled in, and finds the forum."""
    forum, phone = Forum(base), browser(SMALL_PHONE)
    try:
        phone.get(address)
        check(phone.find_element(By.NAME, "code").get_attribute("value") == address.split("code=")[1], "the address fills the code in")
        check(phone.find_element(By.NAME, "username").get_attribute("value") == username, "and names the account she will sign in with")
        forum.shot(phone, "activate-phone")
        for field in ("new_password", "confirm_password"):
            phone.find_element(By.NAME, field).send_keys("Sawah hijau di desa")
        forum.click_button(phone, "Aktifkan")
        check(shows(phone, "Akun Anda aktif") and phone.find_element(By.NAME, "username").get_attribute("value") == username,
              "activated, the login page has her account's name filled in")
        phone.find_element(By.NAME, "password").send_keys("Sawah hijau di desa")
        forum.click_button(phone, "Masuk")
        check(shows(phone, "Forum saya") and "Desa Ciherang Mulya" in phone.page_source and "RT 002 / RW 001" in phone.page_source,
              "she signs in to her forums: the planned forum and her unit's list")
        forum.shot(phone, "my-forums-invited-phone")
    finally:
        phone.quit()


def every_page_is_accessible(base):
    """After the forum above, each account walks every page it is shown, on a 320-pixel phone in
    Indonesian and on a desktop in English (a wider window shows more: the groups' names beside their
    numbers); every page must fit its window without sideways scrolling, and axe-core checks each kind
    of page once: first as the forum's own people see it (its forms to fill in), then BPS staff, the
    auditor and the administrator, for what only they reach. Before signing in: the login, the
    activation of an invitation and the page of an address that does not exist; signed in, the
    password page and a page the person may not see. The two windows walk at once (axe-core keeps a
    core busy; there are two)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        walks = [pool.submit(walk_every_page, base, SMALL_PHONE, "id"), pool.submit(walk_every_page, base, DESKTOP, "en")]
        for walk in walks:
            walk.result()


def walk_every_page(base, size, language, accounts=ACCOUNTS, at_least=40):
    """One window's walk in one language (`id`, `en`): before signing in, then as each of `accounts`
    in turn; at least `at_least` kinds of page must be met."""
    forum, driver = Forum(base), browser(size)

    def speak():
        # The choice of language is a cookie (what `?lang=` sets), gone with each account's.
        driver.add_cookie({"name": "lang", "value": language, "path": "/"})
        driver.refresh()
        if driver.find_element(By.TAG_NAME, "html").get_attribute("lang") != language:
            raise AssertionError(f"{driver.current_url} is not in '{language}', which the walk chose")

    try:
        driver.get(base + "/login")
        speak()
        checked, added = set(), []
        accessibility.every_page(driver, base, checked, size[0], also=["/activate", "/no-such-page"])
        for username, password in accounts:
            forum.login(driver, username, password)
            speak()
            added.append(f"{username} {accessibility.every_page(driver, base, checked, size[0], also=['/password', '/users/new'])}")
            driver.delete_all_cookies()
        check(len(checked) >= at_least, f"{size[0]} pixels wide, in '{language}': {len(checked)} kinds of page fit and pass axe-core's "
                                  f"WCAG 2.2 AA checks (first reached by: {', '.join(added)})")
    finally:
        driver.quit()


def the_forum_closes_and_reopens(base):
    """The forum's end, on phones as in the village hall: the facilitator decides the challenges still
    open by a vote and enters the rest of the lists from paper, then says the review is done; the SLS
    head's list now says why it takes no verdict; the facilitator, led from their forums, signs the
    minutes on screen; the head, who sent a representative, may not sign in her place: BPS staff
    record her signature from paper, then the village head's refusal and, in its place, the district
    head's signature, and close the forum; the closed minutes must fit A4, and the head's and BPS
    staff's pages, walked again, pass as they are once closed; an administrator reopens it
    with a reason, and the closed version of the minutes stays readable beside the new one. Every page
    shot is checked as the forum's steps are (fit and axe-core)."""
    forum = Forum(base)
    facilitator, head, staff = browser(PHONE), browser(PHONE), browser(SMALL_PHONE)
    try:
        forum.login(facilitator, "fasilitator", "demo-fasilitator-2026")
        forum.login(head, "ketua.rt", "demo-ketua-2026")
        forum.login(staff, "bps", "demo-bps-2026")

        print("The facilitator decides the challenges still open, by a vote")
        facilitator.get(base + "/forums/1/challenges")
        decided = 0
        while facilitator.find_elements(By.CSS_SELECTOR, "form.decision"):
            decision = facilitator.find_element(By.CSS_SELECTOR, "form.decision")
            decision.find_element(By.CSS_SELECTOR, "input[value='rejected']").click()
            Select(decision.find_element(By.NAME, "method")).select_by_value("vote")
            for field, votes in (("votes_for", "2"), ("votes_against", "5"), ("votes_abstain", "1")):
                decision.find_element(By.NAME, field).send_keys(votes)
            challenge = decision.find_element(By.XPATH, "ancestor::li").get_attribute("id")
            decision.find_element(By.CSS_SELECTOR, "button").click()
            check(shows_element(facilitator, f"#{challenge}", "Ditolak"), f"challenge {challenge} is rejected")
            decided += 1
        check(decided > 0 and "Pemungutan suara" in facilitator.page_source, f"{decided} challenge(s) rejected by a vote, the counts kept")

        print("The facilitator enters the rest of the lists from paper, and the review is done")
        facilitator.get(base + "/forums/1")
        units = list(dict.fromkeys(a.get_attribute("href") for a in facilitator.find_elements(By.CSS_SELECTOR, "a[href^='/forums/1/units/']")))
        check(len(units) >= 2, f"the forum's units are listed ({len(units)})")
        for unit in units:
            facilitator.get(unit + "/paper")
            # The keyboard's way through this page was driven above; here the codes are filled at once.
            left = facilitator.execute_script(
                "let n = 0; for (const c of document.querySelectorAll(\"input[name^='c_']\")) if (!c.value) { c.value = 's'; n++ } return n")
            forum.click_button(facilitator, "Simpan semua")
            check(shows(facilitator, f"Baris tersimpan: {left}"), f"{unit.removeprefix(base)}: the {left} rows left are saved as fitting")
        facilitator.get(base + "/forums/1")
        forum.click_button(facilitator, "Pembahasan selesai: siap ditutup")
        check(shows_element(facilitator, "main", "Tahap: Siap ditutup"), "the forum is ready to close")
        blockers = [li.text for li in facilitator.find_elements(By.CSS_SELECTOR, ".blockers li")]
        check(blockers and all("belum menandatangani" in b for b in blockers), f"only signatures are missing: {blockers}")
        head.get(units[0])
        check("berita acara sedang ditandatangani" in head.page_source and not head.find_elements(By.CSS_SELECTOR, "form.verdict"),
              "the SLS head's list takes no verdict now, and says why")
        forum.shot(head, "list-while-signing-phone")

        print("The facilitator signs on screen; BPS staff record from paper the SLS head's representative, the village head's")
        print("refusal and the district head's signature in its place")
        facilitator.get(base + "/forums/mine")
        forum.shot(facilitator, "my-forums-awaiting-signature-phone")
        facilitator.find_element(By.LINK_TEXT, "Tanda tangani berita acara").click()
        WebDriverWait(facilitator, 10).until(lambda d: "/forums/1/minutes" in d.current_url)
        check(True, "the facilitator's forums lead to the minutes awaiting their signature")
        place = facilitator.find_element(By.XPATH, "//li[.//button[normalize-space()='Tanda tangani']]")
        place_id = place.get_attribute("id")
        place.find_element(By.TAG_NAME, "button").click()
        check(shows_element(facilitator, f"li[id='{place_id}']", "ditandatangani di layar"), "the facilitator's place is signed on screen")
        forum.shot(facilitator, "minutes-signed-phone")
        head.get(base + "/forums/mine")
        check(not head.find_elements(By.LINK_TEXT, "Tanda tangani berita acara"), "the SLS head, who sent a representative, is not asked to sign")
        head.get(base + "/forums/1/minutes")
        check("Ibu Ketua (istri)" in head.page_source and not head.find_elements(By.XPATH, "//button[normalize-space()='Tanda tangani']"),
              "and is offered no signing in her place")
        staff.get(base + "/forums/1/minutes")
        representative = staff.find_element(By.XPATH, "//li[contains(., 'Wakil ketua SLS')]")
        check(representative.find_element(By.NAME, "signer_name").get_attribute("value") == "Ibu Ketua (istri)",
              "the representative's place is offered to BPS staff to record from paper, with her name")
        representative_id = representative.get_attribute("id")
        representative.find_element(By.CSS_SELECTOR, "button[value='signed']").click()
        check(shows_element(staff, f"li[id='{representative_id}']", "ditandatangani di kertas"), "her paper signature is recorded")
        village_head = staff.find_element(By.ID, "s-village_head")
        village_head.find_element(By.NAME, "signer_name").send_keys("H. Asep Saepudin")
        village_head.find_element(By.NAME, "reason").send_keys("Daftar RT 003 belum dibacakan seluruhnya")
        village_head.find_element(By.CSS_SELECTOR, "button[value='refused']").click()
        check(shows(staff, "menggantikan tanda tangan yang ditolak oleh H. Asep Saepudin"), "the refusal asks the district head to sign")
        district_head = staff.find_element(By.CSS_SELECTOR, "li[id^='s-escalation']")
        district_head.find_element(By.NAME, "signer_name").send_keys("Drs. Dedi Kurniawan")
        district_head.find_element(By.CSS_SELECTOR, "button[value='signed']").click()
        check(shows_element(staff, "li[id^='s-escalation']", "ditandatangani di kertas"), "the district head's paper signature is recorded")
        forum.shot(staff, "minutes-refusal-answered-320")
        staff.get(base + "/forums/1")
        check(not staff.find_elements(By.CSS_SELECTOR, ".blockers li"), "nothing blocks the closing")
        forum.click_button(staff, "Tutup forum")
        check(shows(staff, "Kepala rantai audit saat ditutup"), "closed, the minutes print the audit chain's head")
        forum.shot(staff, "minutes-closed-320")
        head.get(units[0])
        check("Forum sudah ditutup" in head.page_source, "the SLS head's list says the forum is closed")
        forum.shot(head, "list-closed-phone")
    finally:
        for driver in (facilitator, head, staff):
            driver.quit()
    printed_pages_fit_a4(base, [base + "/forums/1/minutes"])
    print("The SLS head and BPS staff walk every page again, the forum closed (a page shows more in some stages)")
    walk_every_page(base, SMALL_PHONE, "id", accounts=[a for a in ACCOUNTS if a[0] in ("ketua.rt", "bps")], at_least=35)

    print("An administrator reopens the forum with a reason; the closed minutes stay readable")
    admin = browser(PHONE)
    try:
        forum.login(admin, "admin", "demo-admin-2026")
        admin.get(base + "/forums/1")
        admin.find_element(By.NAME, "reason").send_keys("Dua keluarga RT 003 tertukar urutannya")
        forum.click_button(admin, "Buka kembali forum")
        check(shows_element(admin, "main", "Tahap: Dibuka kembali") and "Dua keluarga RT 003 tertukar urutannya" in admin.page_source,
              "reopened, the forum's closing history names who reopened it and why")
        forum.shot(admin, "forum-reopened-phone")
        admin.get(base + "/forums/1/minutes?version=1")
        check(admin.find_element(By.CSS_SELECTOR, "span.version[aria-current='page']").text == "1"
              and "Drs. Dedi Kurniawan" in admin.page_source, "the first version's minutes, signed, are shown as such")
        forum.shot(admin, "minutes-first-version-phone")
    finally:
        admin.quit()


def verify_from_the_command_line(binary):
    """The address the demo's banner gives lets the other commands reach its data: the history the
    browser wrote verifies."""
    with open(os.path.join(ARTIFACTS, "server.log")) as log:
        line = next((l.strip() for l in log if l.strip().startswith("export DATABASE_URL=")), None)
    check(line is not None, "the demo names the address for other commands")
    result = subprocess.run(["bash", "-c", line + ' && exec "$0" audit verify', binary], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    check(result.returncode == 0 and "intact" in result.stdout + result.stderr,
          f"fkp audit verify through that address finds the forum's history intact {result.stdout}{result.stderr}")


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    os.makedirs(ARTIFACTS, exist_ok=True)
    port = free_port()
    server = start_demo(sys.argv[1], port)
    base = f"http://127.0.0.1:{port}"
    try:
        run(base)
        print("BPS staff plan another village's forum and print its invitations")
        bps_plan_a_forum_and_print_its_invitations(base)
        print("BPS staff plan a district's forum, above village level, on a phone")
        bps_plan_a_districts_forum_on_a_phone(base)
        print("A provisional re-ranking, then every page each account is shown, checked by axe-core")
        final_list = rerank_provisionally(base)
        print("BPS staff revise a village's list after the provisional run, on a phone")
        bps_revise_a_list_after_the_provisional_run(base)
        print("BPS staff send the regency's list over a slow connection, on a phone")
        bps_send_a_list_over_a_slow_connection(base)
        print("The import page's script, when the server does not answer")
        the_upload_script_when_the_server_does_not_answer()
        every_page_is_accessible(base)
        print("What people print fits A4")
        printed_pages_fit_a4(base, [base + "/forums/1/units/32010100010001/print", base + "/forums/1/minutes", final_list,
                                    base + "/regions/32010100010001"])
        the_forum_closes_and_reopens(base)
        verify_from_the_command_line(sys.argv[1])
        print("browser test: passed; screenshots in", ARTIFACTS)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(CLUSTER, ignore_errors=True)


if __name__ == "__main__":
    main()
