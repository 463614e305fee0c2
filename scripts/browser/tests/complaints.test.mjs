// Complaints and suggestions in a real browser. As a guest, in Arabic on a phone (390 px): the public form
// refuses a too-short text beside the field and keeps nothing, then sends an anonymous suggestion and
// shows its reference and the tracking code once; the status page finds it by reference and code (and
// not by a wrong code); "you said, we did" opens from it. In English on a desktop (1280 px) the same pages read left to right. Then a
// Beneficiary Relations Manager whose language is Arabic reads the Service Quality workspace: its number
// cards and charts load, right to left, in Arabic (screenshot service-quality-ar.png).
//
// scripts/test.sh prepares the world (tests/browser_setup.py's prepare_quality: the manager, a few
// complaints received through the service and the quality sums rebuilt, the per-IP counters of the
// public form cleared) and passes it as AMASS_BROWSER_QUALITY. AMASS_BROWSER_BENCH and
// AMASS_BROWSER_SITE let the test count the Feedback rows around a refused submission.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { after, before, test } from "node:test";
import { BASE_URL, PASSWORD, launch, newPage, screenshot, signIn } from "../lib.mjs";

const SKIP = process.env.AMASS_BROWSER_QUALITY === undefined && "AMASS_BROWSER_QUALITY is not set (scripts/test.sh sets it)";
const BENCH = process.env.AMASS_BROWSER_BENCH || `${process.env.HOME}/frappe-bench`;
const SITE = process.env.AMASS_BROWSER_SITE || "amass-test.localhost";
// prepare_quality removes, on the next run, every item whose text carries this marker.
const MARKER = "(اختبار المتصفح)";

// The words the pages should show, from the app's Arabic catalogue (locale/ar.po).
const AR = {
	feedbackTitle: "الشكاوى والمقترحات",
	tooShort: "يرجى كتابة 10 أحرف على الأقل.",
	statusTitle: "متابعة شكوى",
	// What the status page calls a new item (services/complaints.py's status_label(New)).
	statusNew: "استُلمت ولم تُعالج بعد",
	weDid: "قلتم، فعلنا",
	workspace: "جودة الخدمة",
	cards: [
		"الرضا CSAT",
		"متوسط التقييم",
		"نسبة الاستجابة للاستبيان",
		"الشكاوى الواردة",
		"الشكاوى المفتوحة",
		"الشكاوى المتأخرة",
		"وسيط أيام الرد",
		"إجراءات التحسين المفتوحة",
		"إجراءات التحسين المتأخرة",
	],
	charts: ["الرضا حسب الشهر", "الشكاوى حسب الشهر"],
};
const CHART_COUNT = 8;

let world;
let browser;
let sent; // the anonymous suggestion sent in the first test: { reference, code }

before(async () => {
	if (SKIP) return;
	world = JSON.parse(process.env.AMASS_BROWSER_QUALITY || "null");
	assert.ok(world?.manager, `prepare_quality gave no world (${process.env.AMASS_BROWSER_QUALITY})`);
	browser = await launch();
});
after(async () => browser?.close());

function feedbackRows() {
	const out = execFileSync(
		"bench",
		["--site", SITE, "execute", "frappe.db.count", "--kwargs", JSON.stringify({ dt: "Feedback" })],
		{ cwd: BENCH, encoding: "utf8", timeout: 120000, stdio: ["ignore", "pipe", "pipe"] },
	);
	const count = Number(out.trim().split("\n").at(-1));
	assert.ok(Number.isInteger(count), `bench printed no count: ${out.slice(-300)}`);
	return count;
}

async function noOverflow(page) {
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
	assert.ok(overflow <= 1, `the page is ${overflow}px wider than the screen`);
}

async function direction(page, selector) {
	return page.evaluate((s) => {
		const el = document.querySelector(s);
		return { attribute: el?.getAttribute("dir"), computed: el && getComputedStyle(el).direction };
	}, selector);
}

async function open(page, path, ready) {
	const response = await page.goto(`${BASE_URL}${path}`, { waitUntil: "domcontentloaded" });
	assert.equal(response.status(), 200, `${path} answered ${response.status()}`);
	await page.waitForSelector(ready);
	// complaint_forms.js binds its handlers in frappe.ready: wait for the page's scripts.
	await page.waitForLoadState("load");
}

// Sends the complaint form and waits for the API's answer: { ok, status, body }.
async function send(page) {
	const [response] = await Promise.all([
		page.waitForResponse((r) => r.url().includes("amass_relations.api.complaints.submit")),
		page.click("#amass-complaint button[type=submit]"),
	]);
	return { ok: response.ok(), status: response.status(), body: await response.json().catch(() => ({})) };
}

test("an anonymous suggestion in Arabic on a phone, followed on the status page", { skip: SKIP, timeout: 180000 }, async () => {
	const page = await newPage(browser, { width: 390, lang: "ar" });
	try {
		await open(page, "/feedback", "#amass-complaint");
		assert.deepEqual(await direction(page, ".amass-portal"), { attribute: "rtl", computed: "rtl" });
		assert.equal((await page.textContent(".amass-portal h1")).trim(), AR.feedbackTitle);
		await noOverflow(page);
		await screenshot(page, "feedback-ar-390", { fullPage: true });

		await page.check('input[name="kind"][value="Suggestion"]');
		await page.check("#anonymous");
		assert.ok(await page.isHidden("#amass-contact"), "the contact fields stay shown for an anonymous item");

		// Too short: refused beside the field, in Arabic, and nothing kept.
		const before = feedbackRows();
		await page.fill("#text", "قصير");
		const refused = await send(page);
		assert.ok(!refused.ok, `a 4-character text was accepted (${refused.status})`);
		assert.equal(refused.body.message?.reference, undefined);
		await page.waitForFunction(() => document.querySelector('[data-error-for="comment"]')?.textContent.trim());
		assert.equal((await page.textContent('[data-error-for="comment"]')).trim(), AR.tooShort);
		// Beside the field: the message comes right after the text box.
		assert.ok(
			await page.evaluate(() => document.querySelector("#text").nextElementSibling?.dataset.errorFor === "comment"),
			"the message is not beside the text box",
		);
		assert.ok(await page.isHidden("#amass-received"), "the thanks show for a refused text");
		assert.ok(await page.isVisible("#amass-complaint"));
		await screenshot(page, "feedback-ar-390-too-short", { fullPage: true });
		assert.equal(feedbackRows(), before, "the refused text was saved");

		// A real one: the reference and the 16-character tracking code, shown once.
		await page.fill("#text", `أقترح أن تعرض الصفحة مواعيد عمل الفروع ${MARKER}`);
		const accepted = await send(page);
		assert.ok(accepted.ok, `the suggestion was refused (${accepted.status}): ${JSON.stringify(accepted.body).slice(0, 300)}`);
		await page.waitForSelector("#amass-received", { state: "visible" });
		assert.ok(await page.isHidden("#amass-complaint"), "the form stays shown after sending");
		assert.equal(await page.textContent('[data-error-for="comment"]'), "", "the refusal's message stays after sending");
		sent = {
			reference: (await page.textContent('#amass-received [data-slot="reference"]')).trim(),
			code: (await page.textContent('#amass-received [data-slot="code"]')).trim(),
		};
		assert.match(sent.reference, /^SUG-\d{2}-\d{5}$/);
		assert.match(sent.code, /^[A-HJ-NP-Z2-9]{16}$/);
		assert.ok((await page.textContent('#amass-received [data-slot="due_on"]')).trim(), "no answer date shown");
		assert.ok(await page.isVisible('#amass-received [data-slot-when="code"]'), "the code's paragraph is hidden");
		await noOverflow(page);
		await screenshot(page, "feedback-ar-390-received", { fullPage: true });

		// The status page, reached from the thanks' own link.
		await Promise.all([
			page.waitForURL(/\/feedback-status/),
			page.click('#amass-received a[href="/feedback-status"]'),
		]);
		await page.waitForSelector("#amass-track");
		await page.waitForLoadState("load");
		assert.deepEqual(await direction(page, ".amass-portal"), { attribute: "rtl", computed: "rtl" });
		assert.equal((await page.textContent(".amass-portal h1")).trim(), AR.statusTitle);

		// A wrong code finds nothing (and says so).
		await page.fill("#reference", sent.reference);
		await page.fill("#code", sent.code.replace(/^./, (c) => (c === "A" ? "B" : "A")));
		await page.click("#amass-track button[type=submit]");
		await page.waitForSelector("#amass-not-found", { state: "visible" });
		assert.ok(await page.isHidden("#amass-status"));

		await page.fill("#code", sent.code);
		await page.click("#amass-track button[type=submit]");
		await page.waitForSelector("#amass-status", { state: "visible" });
		assert.ok(await page.isHidden("#amass-not-found"));
		assert.equal((await page.textContent('#amass-status [data-slot="reference"]')).trim(), sent.reference);
		const status = (await page.textContent('#amass-status [data-slot="status_label"]')).trim();
		assert.equal(status, AR.statusNew);
		assert.ok(await page.isHidden("#amass-appeal"), "a new item offers an appeal");
		await noOverflow(page);
		await screenshot(page, "feedback-status-ar-390", { fullPage: true });

		// "You said, we did", the form's other link.
		await open(page, "/you-said-we-did", ".amass-guide");
		assert.deepEqual(await direction(page, ".amass-portal"), { attribute: "rtl", computed: "rtl" });
		assert.equal((await page.textContent(".amass-portal h1")).trim(), AR.weDid);
		await noOverflow(page);
		await screenshot(page, "you-said-we-did-ar-390", { fullPage: true });
		assert.deepEqual(page.uncaughtErrors, []);
	} finally {
		await page.context().close();
	}
});

test("the same pages in English on a desktop read left to right", { skip: SKIP, timeout: 120000 }, async () => {
	const page = await newPage(browser, { width: 1280, lang: "en" });
	try {
		await open(page, "/feedback", "#amass-complaint");
		assert.deepEqual(await direction(page, ".amass-portal"), { attribute: "ltr", computed: "ltr" });
		assert.equal((await page.textContent(".amass-portal h1")).trim(), "Complaints and Suggestions");
		assert.equal(await page.evaluate(() => getComputedStyle(document.body).direction), "ltr");
		await noOverflow(page);
		await screenshot(page, "feedback-en-1280", { fullPage: true });

		await open(page, "/feedback-status", "#amass-track");
		assert.deepEqual(await direction(page, ".amass-portal"), { attribute: "ltr", computed: "ltr" });
		if (sent) {
			await page.fill("#reference", sent.reference);
			await page.fill("#code", sent.code);
			await page.click("#amass-track button[type=submit]");
			await page.waitForSelector("#amass-status", { state: "visible" });
			assert.equal((await page.textContent('#amass-status [data-slot="status_label"]')).trim(), "Received, not yet handled");
		}
		await noOverflow(page);
		await screenshot(page, "feedback-status-en-1280", { fullPage: true });

		await open(page, "/you-said-we-did", ".amass-guide");
		assert.deepEqual(await direction(page, ".amass-portal"), { attribute: "ltr", computed: "ltr" });
		assert.equal((await page.textContent(".amass-portal h1")).trim(), "You Said, We Did");
		await noOverflow(page);
		await screenshot(page, "you-said-we-did-en-1280", { fullPage: true });
		assert.deepEqual(page.uncaughtErrors, []);
	} finally {
		await page.context().close();
	}
});

test("the Service Quality workspace in Arabic for the manager", { skip: SKIP, timeout: 180000 }, async () => {
	const page = await newPage(browser, { width: 1280, lang: "ar" });
	try {
		await signIn(page, world.manager, PASSWORD);
		await page.goto(`${BASE_URL}/app/service-quality`, { waitUntil: "domcontentloaded" });
		await page.waitForFunction(
			(title) => document.querySelector(".page-head .title-text")?.textContent.includes(title),
			AR.workspace,
			{ timeout: 30000 },
		);
		// Every number card shows its number, every chart its drawing or its empty state.
		await page.waitForFunction(
			(cards) => {
				const numbers = [...document.querySelectorAll(".number-widget-box .widget-content .number")];
				return numbers.length >= cards && numbers.every((n) => n.textContent.trim());
			},
			AR.cards.length,
			{ timeout: 60000 },
		);
		await page.waitForFunction(
			(charts) => {
				const boxes = [...document.querySelectorAll(".dashboard-widget-box")];
				const done = (box) =>
					box.querySelector("svg.frappe-chart, .frappe-chart svg") ||
					[...box.querySelectorAll(".chart-loading-state")].some((el) => el.offsetParent && !/\.\.\./.test(el.textContent));
				return boxes.length >= charts && boxes.every(done);
			},
			CHART_COUNT,
			{ timeout: 60000 },
		);
		await page.waitForTimeout(1000); // the charts' own drawing animation
		const seen = await page.evaluate(() => ({
			lang: frappe.boot.lang,
			direction: getComputedStyle(document.body).direction,
			htmlDir: document.documentElement.getAttribute("dir"),
			titles: [...document.querySelectorAll(".widget-title")].map((el) => el.textContent.trim()),
			cards: [...document.querySelectorAll(".number-widget-box")].map((box) => ({
				title: box.querySelector(".widget-title")?.textContent.trim(),
				number: box.querySelector(".widget-content .number")?.textContent.trim(),
			})),
			// marks: the lines, bars and dots drawn (0 for a chart drawn without data: axes only, or nothing)
			charts: [...document.querySelectorAll(".dashboard-widget-box")].map((box) => ({
				title: box.querySelector(".widget-title")?.textContent.trim(),
				drawn: !!box.querySelector("svg.frappe-chart"),
				marks: box.querySelectorAll("svg.frappe-chart .dataset-units > *, svg.frappe-chart .line-graph-path").length,
				empty: [...box.querySelectorAll(".chart-loading-state")].some((el) => el.offsetParent),
			})),
			overflow: document.documentElement.scrollWidth - window.innerWidth,
		}));
		await screenshot(page, "service-quality-ar-top");
		// The workspace scrolls inside .layout-main-section-wrapper, not the page: a full-page shot needs a
		// viewport as tall as what it holds.
		const extra = await page.evaluate(() => {
			const wrapper = document.querySelector(".layout-main-section-wrapper");
			return wrapper ? wrapper.scrollHeight - wrapper.clientHeight : 0;
		});
		if (extra > 0) {
			await page.setViewportSize({ width: 1280, height: 900 + extra + 40 });
			await page.waitForTimeout(1000); // the charts redraw at the new size
		}
		await screenshot(page, "service-quality-ar", { fullPage: true });
		console.log(`# service quality: ${JSON.stringify(seen)}`);
		assert.equal(seen.lang, "ar");
		assert.equal(seen.direction, "rtl");
		assert.equal(seen.htmlDir, "rtl");
		for (const label of AR.cards) assert.ok(seen.titles.includes(label), `no card titled ${label}: ${seen.titles.join(" | ")}`);
		for (const label of AR.charts) assert.ok(seen.titles.includes(label), `no chart titled ${label}: ${seen.titles.join(" | ")}`);
		// prepare_quality received four complaints and suggestions this month: the card counts them.
		const received = seen.cards.find((c) => c.title === "الشكاوى الواردة");
		assert.ok(Number(received?.number.replace(/[^\d٠-٩]/g, "").replace(/[٠-٩]/g, (d) => "٠١٢٣٤٥٦٧٨٩".indexOf(d))) >= 3, `complaints received: ${received?.number}`);
		assert.ok(seen.charts.every((c) => c.drawn || c.empty), `a chart neither drawn nor empty: ${JSON.stringify(seen.charts)}`);
		assert.ok(seen.charts.some((c) => c.marks), "no chart shows any data");
		assert.ok(seen.overflow <= 1, `the page is ${seen.overflow} px wider than the screen`);
		assert.deepEqual(page.uncaughtErrors, []);
	} finally {
		await page.context().close();
	}
});
