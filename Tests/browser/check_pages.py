"""Loads every web page of a running Baton in headless Chromium and fails on any console error,
failed resource or CSP violation; tags a handoff through the /handoffs form and records an
intervention through the /interventions form (refused with a forged CSRF token, escaped when shown)
and checks both were stored (through the API); optionally saves a screenshot of each page.

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


def computing(driver):
    """Whether the page is an overview still computing its report (it reloads itself)."""
    try:
        return bool(driver.find_elements(By.ID, "computing"))
    except Exception:  # the page is being replaced by its reload
        return True


def visit(driver, base, path, name, screenshots):
    """Loads a page; an overview still computing is followed through its own reloads (the browser
    honours its Refresh header) until the report is shown. Returns what the computing page showed
    (its chart ids), or None when the report was shown at once."""
    driver.get(base + path)
    WebDriverWait(driver, 60).until(lambda d: d.execute_script("return document.readyState") == "complete")
    preview = None
    if computing(driver):
        preview = [e.get_attribute("id") for e in driver.find_elements(By.CSS_SELECTOR, "svg.chart")]
        check(not console_errors(driver), f"{name} ({path}) while computing has no console errors")
        WebDriverWait(driver, 300, poll_frequency=0.5).until(
            lambda d: not computing(d) and d.execute_script("return document.readyState") == "complete")
        check("build=" in driver.current_url, f"{name} reloaded itself with its build's ticket ({driver.current_url})")
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
    return preview


def api(base, token, path, body=None):
    headers = {"Authorization": "Bearer " + token}
    if body is not None:
        headers["Content-Type"] = "application/x-ndjson"
    request = urllib.request.Request(base + path, data=body, headers=headers)
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)


def api_json(base, token, path, method, value):
    request = urllib.request.Request(
        base + path, data=json.dumps(value).encode(), method=method,
        headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)


# An assistant whose name is markup: every page must show it as text (value model §8's heatmap
# puts names in labels, titles and links).
HOSTILE = '<img src=x onerror="document.title=\'pwned\'">"&\''


def hostile_case():
    lines = [
        {"type": "workflow", "workflow_id": "HOSTILE-1", "opened_at": "2026-03-02T10:00:00Z",
         "closed_at": "2026-03-02T12:00:00Z", "severity": "high", "category": "phishing"},
        {"type": "task", "id": "hostile-1a", "workflow_id": "HOSTILE-1", "task_type": "alert-triage", "stage": "triage",
         "tool": "siem", "assistant": HOSTILE, "ai_mode": "autonomous", "started_at": "2026-03-02T10:05:00Z",
         "ended_at": "2026-03-02T10:10:00Z"},
        {"type": "task", "id": "hostile-1b", "workflow_id": "HOSTILE-1", "task_type": "case-summary", "stage": "closure",
         "tool": "ticketing", "actor": "analyst:ana", "ai_mode": "none", "started_at": "2026-03-02T11:00:00Z",
         "ended_at": "2026-03-02T11:10:00Z"},
    ]
    return "\n".join(json.dumps(line) for line in lines).encode()


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

        # The demo serves with --overview-wait 0: a period's first overview shows the charts the
        # rollups give while the report is built, then reloads itself into the whole overview.
        preview = visit(driver, args.base, "/", "overview", args.screenshots)
        check(preview is not None and "chart-coordination" in preview,
              f"the first overview showed the rollup charts while computing ({preview})")
        check(len(driver.find_elements(By.CSS_SELECTOR, "svg.chart title")) >= 6, "the overview has its six charts, each titled")
        # The coordination heatmap (value model §8): titled cells that open the queue filtered to their pair.
        cells = driver.find_elements(By.CSS_SELECTOR, "#chart-coordination a.coordination-cell")
        check(len(cells) >= 4, f"the coordination heatmap has cells ({len(cells)})")
        check(bool(driver.find_elements(By.CSS_SELECTOR, "#chart-coordination-title")), "the coordination heatmap has a title")
        if cells:
            title = cells[0].find_element(By.CSS_SELECTOR, "title").get_attribute("textContent")
            check(" to " in title and "handoffs" in title, f"a heatmap cell says what it counts: {title[:80]}")
            href = cells[0].get_dom_attribute("href")
            check("from_assistant=" in href and "to_assistant=" in href, f"a heatmap cell links to its pair's queue: {href}")
            driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", cells[0])
            WebDriverWait(driver, 60).until(lambda d: "/handoffs" in d.current_url)
            check(not console_errors(driver), "following a heatmap cell shows no console errors")
            pair = [s.text for s in driver.find_elements(By.CSS_SELECTOR, "tbody tr .sides")]
            wanted = title.split(":")[0].replace(" to ", " → ")
            check(bool(pair) and all(p == wanted for p in pair), f"the queue shows only {wanted}: {sorted(set(pair))[:3]}")
        visit(driver, args.base, "/report", "report", args.screenshots)
        check("What to fix first" in driver.page_source, "the report has its guidance")
        check("estimator: eligible" in driver.page_source, "the report names its estimator")
        check("coverage" in driver.page_source, "the report shows the coverage next to the lead-time figures")
        check(driver.find_elements(By.CSS_SELECTOR, "#trends svg.chart"), "the report draws each assistant's weekly trend")
        check(driver.find_elements(By.CSS_SELECTOR, "#comparison"), "the report compares with the period before")
        visit(driver, args.base, "/summary", "summary", args.screenshots)
        verdicts = [td.text for td in driver.find_elements(By.CSS_SELECTOR, "#decisions tbody tr td:nth-child(2)")]
        allowed = {"keep", "fix the handoffs around it", "reconsider", "not enough evidence yet"}
        check(verdicts and set(verdicts) <= allowed, f"the summary decides every assistant: {verdicts}")
        check(len(driver.find_elements(By.CSS_SELECTOR, "#fixes li")) == 3, "the summary lists the top three fixes")
        driver.get(args.base + "/report")
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

        # A hostile assistant name is shown as text in the heatmap, its titles and its links.
        api(args.base, args.token, "/v1/events", hostile_case())
        visit(driver, args.base, "/?from=2026-03-01&to=2026-03-31", "overview-hostile", None)
        check(driver.title != "pwned", "a hostile assistant name runs no script")
        check(not driver.find_elements(By.CSS_SELECTOR, "#chart-coordination img, main img[src=x]"),
              "a hostile assistant name makes no element")
        titles = [t.get_attribute("textContent") for t in driver.find_elements(By.CSS_SELECTOR, "#chart-coordination title")]
        check(any(HOSTILE in t for t in titles), "the hostile name appears, as text, in a heatmap title")
        hostile_links = [a.get_dom_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "#chart-coordination a.coordination-cell")
                         if "%3Cimg" in (a.get_dom_attribute("href") or "")]
        check(bool(hostile_links), "the hostile name's cell links to the queue, percent-encoded")
        if hostile_links:
            driver.get(args.base + hostile_links[0])
            WebDriverWait(driver, 60).until(lambda d: d.execute_script("return document.readyState") == "complete")
            check(driver.title != "pwned" and not console_errors(driver), "the hostile pair's queue runs no script")
            check("hostile-1b" in driver.page_source, "the hostile pair's queue lists its handoff")

        # An experiment (value model §7): started over the demo's history, some of its cases asked
        # about; the overview links it and its page shows the arms, progress and both intervals.
        report = api(args.base, args.token, "/v1/report?from=2026-01-05&to=2026-04-05")
        # The assistant that touched the most cases (not the hostile one, which touched one).
        assistant = max(report["assistants"], key=lambda a: (a.get("workflow_effect") or {}).get("treated_workflows", 0))["name"]
        api_json(args.base, args.token, "/v1/experiments/browser-trial", "PUT",
                 {"assistant": assistant, "holdout_share": 0.3, "starts_at": "2026-01-05T00:00:00Z", "planned_sample": 2000})
        ids = sorted({h["workflow_id"] for h in api(args.base, args.token, "/v1/handoffs?limit=500&min_wait=0")["handoffs"]})
        answers = api_json(args.base, args.token, "/v1/assignments", "POST",
                           {"assignments": [{"workflow_id": w, "assistant": assistant} for w in ids]})["assignments"]
        check(len(answers) == len(ids) and {a["arm"] for a in answers} == {"use", "holdout"},
              f"the service assigned both arms to {len(ids)} cases")
        visit(driver, args.base, "/?from=2026-01-05&to=2026-04-05", "overview-experiment", None)
        links = driver.find_elements(By.CSS_SELECTOR, '#experiments a[href="/experiments/browser-trial"]')
        check(bool(links), "the overview links the running experiment")
        if links:
            links[0].click()
            WebDriverWait(driver, 120).until(lambda d: "/experiments/browser-trial" in d.current_url)
        else:
            driver.get(args.base + "/experiments/browser-trial")
        check(not console_errors(driver), "the experiment page shows no console errors")
        if args.screenshots:
            driver.save_screenshot(f"{args.screenshots}/experiment.png")
        check("Experiment browser-trial" in driver.find_element(By.TAG_NAME, "h1").text, "the experiment page has its title")
        check(bool(driver.find_elements(By.CSS_SELECTOR, "progress#experiment-progress")), "the page shows progress toward the planned sample")
        check(len(driver.find_elements(By.CSS_SELECTOR, "table")) >= 3, "the page shows the settings, the arms and the effect")
        check(bool(driver.find_elements(By.CSS_SELECTOR, "#chart-experiment-title")), "the effect chart is titled")

        # An intervention (Docs/interventions.md) recorded through the /interventions form: a forged CSRF
        # token is refused, a real one records it; its markup description shows as text on the page, in the
        # overview's weekly chart (a mark at its date) and in the API.
        period = "?from=2026-01-05&to=2026-04-05"
        visit(driver, args.base, "/interventions" + period, "interventions", args.screenshots)
        form = driver.find_element(By.ID, "intervention-form")
        description = 'Pre-approve containment <img src=x onerror="document.title=\'pwned\'">'

        def fill(form):
            driver.execute_script("arguments[0].value = '2026-02-16'", form.find_element(By.NAME, "date"))
            Select(form.find_element(By.NAME, "target_kind")).select_by_value("handoff-class")
            form.find_element(By.NAME, "target").send_keys("edr -> soar")
            form.find_element(By.NAME, "description").send_keys(description)

        fill(form)
        driver.execute_script("arguments[0].value = 'forged'", form.find_element(By.NAME, "csrf"))
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        try:
            WebDriverWait(driver, 60).until(lambda d: "Not allowed" in d.page_source)
        except Exception:
            pass
        check("Not allowed" in driver.page_source, "a forged CSRF token does not record an intervention")
        # The 403 is logged as a failed resource; it is the expected answer, not an error of the next page.
        driver.get_log("browser")
        check(not api(args.base, args.token, "/v1/interventions")["interventions"], "nothing was recorded")
        visit(driver, args.base, "/interventions" + period, "interventions-form", None)
        form = driver.find_element(By.ID, "intervention-form")
        fill(form)
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        WebDriverWait(driver, 120).until(lambda d: "recorded=" in d.current_url)
        check(not console_errors(driver), "recording an intervention shows no console errors")
        check(driver.title != "pwned", "a markup description runs no script")
        check("Recorded intervention #1." in driver.page_source, "the page confirms the intervention")
        if args.screenshots:
            driver.save_screenshot(f"{args.screenshots}/interventions-recorded.png")
        rows = driver.find_elements(By.CSS_SELECTOR, "#intervention-1 td.description")
        check(bool(rows) and rows[0].text == description, "the description shows as text, markup and all")
        check(not driver.find_elements(By.CSS_SELECTOR, "main img"), "a markup description makes no element")
        stored = api(args.base, args.token, "/v1/interventions" + period)["interventions"]
        check(len(stored) == 1 and stored[0]["target"] == "edr→soar" and stored[0]["description"] == description,
              f"the API shows the intervention as typed: {stored[:1]}")
        effect = (stored[0].get("effect") or {}) if stored else {}
        check(effect.get("verdict") in ("changed", "no clear change", "insufficient data"),
              f"the API gives its measured effect over the period: {effect.get('summary')}")
        visit(driver, args.base, "/" + period, "overview-intervention", args.screenshots)
        marks = driver.find_elements(By.CSS_SELECTOR, "#chart-weekly #intervention-mark-1 title")
        check(bool(marks) and description in marks[0].get_attribute("textContent"),
              "the weekly chart marks the intervention at its date, titled with its description")
        check(driver.title != "pwned", "the chart's mark runs no script")

        visit(driver, args.base, "/handoffs?untagged=true", "handoffs-again", None)
        workflow = driver.find_element(By.CSS_SELECTOR, "tbody tr td a").get_attribute("href")
        visit(driver, args.base, workflow.replace(args.base, ""), "workflow", args.screenshots)
        check(len(driver.find_elements(By.CSS_SELECTOR, "#chart-timeline rect")) >= 2, "the timeline draws its tasks")
    finally:
        driver.quit()
    print(f"{len(failures)} failure(s)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
