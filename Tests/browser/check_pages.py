"""Loads every web page of a running Baton in headless Chromium and fails on any console error,
failed resource or CSP violation; tags a handoff through the /handoffs form and checks it was
stored (through the API); optionally saves a screenshot of each page.

    python check_pages.py --base http://127.0.0.1:8080 --token btn_... [--screenshots Docs/images]

Exit status 0 when every check passed; each failure is printed.
"""

import argparse
import json
import sys
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL:", message)
    else:
        print("ok:  ", message)


def console_errors(driver):
    return [e for e in driver.get_log("browser") if e.get("level") in ("SEVERE", "ERROR")]


def visit(driver, base, path, name, screenshots):
    driver.get(base + path)
    WebDriverWait(driver, 60).until(lambda d: d.execute_script("return document.readyState") == "complete")
    errors = console_errors(driver)
    check(not errors, f"{name} ({path}) has no console errors or failed resources: {errors}")
    check("Sign in to Baton" not in driver.page_source, f"{name} is shown to a signed-in browser")
    # Every image and stylesheet loaded (a failed one would also log an error).
    sheets = driver.execute_script("return document.styleSheets.length")
    check(sheets >= 1, f"{name} has its stylesheet")
    if screenshots:
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(1280, min(max(height, 800), 6000))
        driver.save_screenshot(f"{screenshots}/{name}.png")
        driver.set_window_size(1280, 900)


def api(base, token, path):
    request = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + token})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--screenshots")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    args = parser.parse_args()

    options = webdriver.ChromeOptions()
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # Debian's browser and driver, named explicitly so Selenium does not try to download one.
    options.binary_location = args.chromium
    driver = webdriver.Chrome(service=Service(executable_path=args.chromedriver), options=options)
    driver.set_page_load_timeout(120)
    try:
        # Signed out, a page sends the browser to the sign-in form.
        driver.get(args.base + "/report")
        check("/signin" in driver.current_url, "a signed-out browser is sent to /signin")
        check(not console_errors(driver), "the sign-in page has no console errors")
        if args.screenshots:
            driver.save_screenshot(f"{args.screenshots}/signin.png")
        driver.find_element(By.ID, "token").send_keys(args.token)
        driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        WebDriverWait(driver, 120).until(lambda d: "/signin" not in d.current_url)
        check(driver.current_url.endswith("/report"), "signing in returns to the page asked for")

        visit(driver, args.base, "/", "overview", args.screenshots)
        check(len(driver.find_elements(By.CSS_SELECTOR, "svg.chart title")) >= 5, "the overview has its five charts, each titled")
        visit(driver, args.base, "/report", "report", args.screenshots)
        check("What to fix first" in driver.page_source, "the report has its guidance")
        check("estimator: eligible" in driver.page_source, "the report names its estimator")
        check("coverage" in driver.page_source, "the report shows the coverage next to the lead-time figures")
        # The reader switches the estimator with the form: the page is rebuilt with it.
        Select(driver.find_element(By.NAME, "baseline")).select_by_value("did")
        driver.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]").click()
        WebDriverWait(driver, 120).until(lambda d: "baseline=did" in d.current_url)
        check(not console_errors(driver), "switching the estimator shows no console errors")
        check("estimator: did" in driver.page_source, "the report switches to difference in differences")
        check(
            Select(driver.find_element(By.NAME, "baseline")).first_selected_option.get_attribute("value") == "did",
            "the estimator form shows the estimator in use")
        visit(driver, args.base, "/handoffs?untagged=true", "handoffs", args.screenshots)

        # Tag the first untagged handoff through its form: choose a reason, press Tag.
        row = driver.find_element(By.CSS_SELECTOR, "tbody tr")
        handoff = row.get_attribute("id")[2:]
        Select(row.find_element(By.NAME, "reason")).select_by_value("queue-wait")
        row.find_element(By.NAME, "note").send_keys("browser test: waited in the queue")
        row.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        WebDriverWait(driver, 60).until(lambda d: "tagged=" in d.current_url)
        check(not console_errors(driver), "tagging shows no console errors")
        check(f"Tagged {handoff}" in driver.page_source, f"the queue confirms handoff {handoff} was tagged")
        stored = api(args.base, args.token, "/v1/handoffs?limit=500&min_wait=0")
        found = [h for h in stored["handoffs"] if h["id"] == handoff]
        if not found:  # not on the first page of all handoffs: look it up among the tagged ones by wait
            found = [h for h in api(args.base, args.token, "/v1/handoffs?limit=500")["handoffs"] if h["id"] == handoff]
        check(bool(found) and found[0].get("tag", {}).get("reason") == "queue-wait", f"the API shows {handoff} tagged queue-wait")

        workflow = driver.find_element(By.CSS_SELECTOR, "tbody tr td a").get_attribute("href")
        visit(driver, args.base, workflow.replace(args.base, ""), "workflow", args.screenshots)
        check(len(driver.find_elements(By.CSS_SELECTOR, "#chart-timeline rect")) >= 2, "the timeline draws its tasks")
    finally:
        driver.quit()
    print(f"{len(failures)} failure(s)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
