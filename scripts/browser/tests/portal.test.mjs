// The beneficiaries' portal in a real browser. Once, in English: a person signs up through Frappe's own
// form, sets a password from the set-password link, signs in and lands on Link my file; links the file
// with the code the served site's worker sends through SMS Settings to the fake gateway this file runs;
// reads their own and their patient's requests, downloads a decision letter, switches person and
// language. Then My Requests and one request in Arabic and English, on a phone and a desktop: direction,
// no horizontal overflow, no script errors, a screenshot of each.
//
// scripts/test.sh prepares the world (tests/browser_setup.py's prepare_portal: a file F with a mobile and
// two requests, a patient P that F cares for with one) and passes AMASS_BROWSER_PORTAL (its JSON),
// AMASS_BROWSER_SMS_PORT (where SMS Settings send), AMASS_BROWSER_BENCH and AMASS_BROWSER_SITE (to ask
// the bench for the set-password link that Frappe's welcome mail would carry).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { after, before, test } from "node:test";
import { BASE_URL, WIDTHS, launch, newPage, screenshot } from "../lib.mjs";
import { codeSentTo, startGateway } from "../sms.mjs";

const SKIP = process.env.AMASS_BROWSER_PORTAL === undefined && "AMASS_BROWSER_PORTAL is not set (scripts/test.sh sets it)";
const SMS_PORT = Number(process.env.AMASS_BROWSER_SMS_PORT || 0);
const BENCH = process.env.AMASS_BROWSER_BENCH || `${process.env.HOME}/frappe-bench`;
const SITE = process.env.AMASS_BROWSER_SITE || "amass-test.localhost";
const LANGUAGE_WORD = { ar: "طلباتي", en: "My Requests" };

let flow; // the phone-sized English page the flow runs in, kept from test to test
let world; // prepare_portal's JSON: file, patient, national_id, date_of_birth, mobile, requests
let browser;
let gateway;
const account = {
	name: "Portal Demo Person",
	email: `portal.demo.${Date.now().toString(36)}${randomBytes(3).toString("hex")}@amass-demo.example.com`,
	password: `Amass-${randomBytes(6).toString("hex")}-Portal!7`,
	signedIn: false,
	storageState: null, // the signed-in, linked session, for the pages in each language and width
};

// -------------------------------------------------------------------------------- the bench
// The set-password link of an account, as the welcome mail would carry it (no mail leaves the test site).
function passwordLink(email) {
	const out = execFileSync(
		"bench",
		["--site", SITE, "execute", "amass_relations.tests.browser_setup.password_link", "--kwargs", JSON.stringify({ email })],
		{ cwd: BENCH, encoding: "utf8", timeout: 120000, stdio: ["ignore", "pipe", "pipe"] },
	);
	const path = out.trim().split("\n").at(-1).trim();
	assert.match(path, /^\/update-password\?key=\w+/, `bench printed no set-password link: ${out.slice(-300)}`);
	return path;
}

// -------------------------------------------------------------------------------- page helpers
// Frappe writes the page's language as a guest's browser asked for it ("en-US"), an account's as "en".
const pageLang = (page) => page.evaluate(() => document.documentElement.lang.toLowerCase().split("-")[0]);

async function seen(page) {
	return page.evaluate(() => ({
		lang: document.documentElement.lang.toLowerCase().split("-")[0],
		direction: getComputedStyle(document.querySelector(".amass-portal") || document.body).direction,
		overflow: document.documentElement.scrollWidth - window.innerWidth,
		path: location.pathname + location.search,
	}));
}

// The portal bar's language buttons post to set_language and come back to the same page.
async function switchLanguage(page, lang) {
	if ((await pageLang(page)) === lang) return;
	await Promise.all([
		page.waitForNavigation({ waitUntil: "domcontentloaded" }),
		page.click(`.amass-portal-bar .amass-language button[name="language"][value="${lang}"]`),
	]);
	assert.equal(await pageLang(page), lang, `the language switch did not give ${lang}`);
}

async function open(page, path) {
	const response = await page.goto(`${BASE_URL}${path}`, { waitUntil: "domcontentloaded" });
	assert.equal(response.status(), 200, `${path} answered ${response.status()}`);
	await page.waitForSelector(".amass-portal");
}

const requestsShown = (page) => page.$$eval("li.amass-request", (items) => items.map((li) => li.dataset.request));

before(async () => {
	if (SKIP) return;
	try {
		world = JSON.parse(process.env.AMASS_BROWSER_PORTAL || "null");
	} catch {
		world = null;
	}
	assert.ok(
		world?.file && world?.requests,
		`prepare_portal gave no world (AMASS_BROWSER_PORTAL=${process.env.AMASS_BROWSER_PORTAL}; see .test-output/bench.log)`,
	);
	assert.ok(SMS_PORT, "AMASS_BROWSER_SMS_PORT is not set");
	gateway = await startGateway(SMS_PORT);
	browser = await launch();
});
after(async () => {
	await flow?.context().close();
	await browser?.close();
	await new Promise((resolve) => (gateway ? gateway.close(resolve) : resolve()));
});

// -------------------------------------------------------------------------------- the flow, once, in English

test("sign up, set a password from the link, sign in: a new account lands on Link my file", { skip: SKIP, timeout: 180000 }, async () => {
	flow = await newPage(browser, { width: 390, lang: "en" });
	const page = flow;
	await page.goto(`${BASE_URL}/login#signup`, { waitUntil: "domcontentloaded" });
	await page.waitForSelector("#signup_fullname", { state: "visible" });
	assert.equal(await pageLang(page), "en");
	await page.fill("#signup_fullname", account.name);
	await page.fill("#signup_email", account.email);
	await screenshot(page, "portal-signup-en-390");
	await page.click(".btn-signup");
	// The app answers sign-up the same whatever exists (permissions/routes.py's sign_up).
	const answer = await page.waitForSelector(".msgprint", { state: "visible", timeout: 30000 });
	assert.match(await answer.textContent(), /If this address can be registered/);

	await page.goto(`${BASE_URL}${passwordLink(account.email)}`, { waitUntil: "domcontentloaded" });
	await page.waitForSelector("#new_password", { state: "visible" });
	await page.fill("#new_password", account.password);
	await page.fill("#confirm_password", account.password);
	await page.press("#confirm_password", "End"); // the page enables its button on keyup
	await page.waitForFunction(() => !document.querySelector("#update").disabled, null, { timeout: 15000 });
	await Promise.all([
		page.waitForURL((url) => !url.pathname.startsWith("/update-password"), { timeout: 30000 }),
		page.click("#update"),
	]);

	// Setting the password signs the account in; sign in again through the login page, as a person would.
	await page.context().clearCookies();
	await page.goto(`${BASE_URL}/login`, { waitUntil: "domcontentloaded" });
	await page.fill("#login_email", account.email);
	await page.fill("#login_password", account.password);
	await Promise.all([page.waitForURL(/\/link-my-file/, { timeout: 30000 }), page.click(".btn-login")]);
	await page.waitForSelector("#amass-link-request");
	// The account's language is the site's until they choose; the flow reads English.
	await switchLanguage(page, "en");
	account.signedIn = true;
	assert.deepEqual(page.uncaughtErrors, []);
});

test("Link my file: ID and date of birth, the code sent to the file's mobile, then My Requests", { skip: SKIP, timeout: 120000 }, async () => {
	assert.ok(account.signedIn, "the sign-up and sign-in did not finish");
	const page = flow;
	await open(page, "/link-my-file");
	await page.fill("#national_id", world.national_id);
	await page.fill("#date_of_birth", world.date_of_birth);
	await screenshot(page, "portal-link-my-file-en-390");
	const since = Date.now();
	await page.click('#amass-link-request button[type="submit"]');
	await page.waitForSelector("#amass-link-confirm:not(.hide)", { timeout: 30000 });
	assert.match(await page.textContent("#amass-link-message"), /a code has been sent/);

	const { code, message } = await codeSentTo(world.mobile, since);
	assert.match(message.text, /code/i, "the message says what the number is");
	await page.fill("#code", code);
	await screenshot(page, "portal-link-code-en-390");
	await Promise.all([
		page.waitForURL(/\/my-requests/, { timeout: 30000 }),
		page.click('#amass-link-confirm button[type="submit"]'),
	]);
	await page.waitForSelector(".amass-portal");
	account.storageState = await page.context().storageState();
	assert.deepEqual(page.uncaughtErrors, []);
});

test("My Requests: the file's two requests and the patient's", { skip: SKIP }, async () => {
	assert.ok(account.storageState, "the file was not linked");
	const page = flow;
	await open(page, "/my-requests");
	const shown = await requestsShown(page);
	assert.deepEqual([...shown].sort(), Object.values(world.requests).sort());
	const people = await page.$$eval("nav.amass-people a[data-person]", (links) => links.map((a) => a.dataset.person));
	assert.deepEqual(people, [world.file, world.patient], "the own file first, then the patient");
	const pending = page.locator(`li.amass-request[data-request="${world.requests.pending}"]`);
	assert.equal(await pending.getAttribute("data-stage"), "committee");
	assert.ok(await pending.locator(".amass-due").isVisible(), "the committee's date on the pending request");
	await screenshot(page, "portal-flow-my-requests-en-390", { fullPage: true });
	assert.deepEqual(page.uncaughtErrors, []);
});

test("the approved request's decision letter downloads as a PDF", { skip: SKIP }, async () => {
	assert.ok(account.storageState, "the file was not linked");
	const page = flow;
	await open(page, `/my-requests/${encodeURIComponent(world.requests.approved)}`);
	const link = page.getByRole("link", { name: "Download the decision letter" });
	const [download] = await Promise.all([page.waitForEvent("download", { timeout: 30000 }), link.click()]);
	const content = await readFile(await download.path());
	assert.equal(content.subarray(0, 4).toString("latin1"), "%PDF", `the letter is not a PDF: ${content.subarray(0, 80)}`);
	assert.match(download.suggestedFilename(), /\.pdf$/);
	assert.deepEqual(page.uncaughtErrors, []);
});

test("the people switch: the patient's requests only", { skip: SKIP }, async () => {
	assert.ok(account.storageState, "the file was not linked");
	const page = flow;
	await open(page, "/my-requests");
	await Promise.all([
		page.waitForURL(/[?&]person=/),
		page.click(`nav.amass-people a[data-person="${world.patient}"]`),
	]);
	await page.waitForSelector(".amass-portal");
	assert.deepEqual(await requestsShown(page), [world.requests.patient]);
	assert.equal(
		await page.getAttribute(`nav.amass-people a[data-person="${world.patient}"]`, "class").then((c) => c.includes("btn-primary")),
		true,
		"the patient is the chosen one",
	);
	await screenshot(page, "portal-people-patient-en-390", { fullPage: true });
	assert.deepEqual(page.uncaughtErrors, []);
});

test("the language switch: Arabic, then English, from the portal bar", { skip: SKIP }, async () => {
	assert.ok(account.storageState, "the file was not linked");
	const page = flow;
	await open(page, "/my-requests");
	await switchLanguage(page, "ar");
	assert.match(await page.textContent("h1"), new RegExp(LANGUAGE_WORD.ar));
	assert.equal(new URL(page.url()).pathname, "/my-requests", "back on the same page");
	await switchLanguage(page, "en");
	assert.match(await page.textContent("h1"), new RegExp(LANGUAGE_WORD.en));
	assert.deepEqual(page.uncaughtErrors, []);
});

// -------------------------------------------------------------------------------- each language and width
for (const lang of ["ar", "en"]) {
	for (const width of WIDTHS) {
		test(`My Requests and a request in ${lang} at ${width} px`, { skip: SKIP, timeout: 120000 }, async () => {
			assert.ok(account.storageState, "the file was not linked");
			const page = await newPage(browser, { width, lang, storageState: account.storageState });
			try {
				const problems = [];
				for (const [path, name] of [
					["/my-requests", `portal-my-requests-${lang}-${width}`],
					[`/my-requests/${encodeURIComponent(world.requests.approved)}`, `portal-request-${lang}-${width}`],
				]) {
					await open(page, path);
					await switchLanguage(page, lang);
					await page.waitForLoadState("load");
					await page.waitForTimeout(300);
					const shown = await seen(page);
					await screenshot(page, name, { fullPage: true });
					if (shown.lang !== lang) problems.push(`${path}: lang ${shown.lang}`);
					if (shown.direction !== (lang === "ar" ? "rtl" : "ltr")) problems.push(`${path}: direction ${shown.direction}`);
					if (shown.overflow > 1) problems.push(`${path}: ${shown.overflow} px wider than the ${width} px screen`);
					if (!(await page.textContent("body")).includes(world.requests.approved)) problems.push(`${path}: no ${world.requests.approved}`);
				}
				assert.deepEqual(problems, []);
				assert.deepEqual(page.uncaughtErrors, []);
			} finally {
				await page.context().close();
			}
		});
	}
}
