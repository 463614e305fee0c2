// Applying from the portal in a real browser, with the officer's part in the desk. Once, in English on a
// phone: the applicant signs in, applies (a service, the need, an amount), is refused a renamed
// executable beside the field, uploads two documents, accepts the declaration and sends; the officer
// returns it from the desk with a message; the applicant reads it, uploads the missing document and
// answers; asks a question that the officer answers in the desk and reads the reply; changes the mobile
// with the code the fake gateway receives; downloads their data. Then the pages in Arabic and English,
// at 390 px and 1280 px: direction, no horizontal overflow, no script errors, a screenshot of each.
//
// scripts/test.sh prepares the world (tests/browser_setup.py's prepare_applicant) and passes it as
// AMASS_BROWSER_APPLY; SMS Settings send to AMASS_BROWSER_SMS_PORT, where this file's gateway listens.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, test } from "node:test";
import { BASE_URL, PASSWORD, WIDTHS, launch, newPage, screenshot, signIn } from "../lib.mjs";
import { codeSentTo, startGateway } from "../sms.mjs";

const SKIP = process.env.AMASS_BROWSER_APPLY === undefined && "AMASS_BROWSER_APPLY is not set (scripts/test.sh sets it)";
const SMS_PORT = Number(process.env.AMASS_BROWSER_SMS_PORT || 0);
const PDF = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(200 * 1024, 48)]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200 * 1024, 49)]);
const EXE = Buffer.concat([Buffer.from("MZ\x90\x00"), Buffer.alloc(4096, 50)]);

let world; // prepare_applicant's JSON: account, officer, file, service, mobile
let browser;
let gateway;
let applicant; // the phone-sized English page the applicant's flow runs in
let officer; // the desk's page
let request; // the request's name once saved
let question;
let storageState;

before(async () => {
	if (SKIP) return;
	world = JSON.parse(process.env.AMASS_BROWSER_APPLY || "null");
	assert.ok(world?.account, `prepare_applicant gave no world (${process.env.AMASS_BROWSER_APPLY}; see .test-output/bench.log)`);
	gateway = await startGateway(SMS_PORT);
	browser = await launch();
});
after(async () => {
	await applicant?.context().close();
	await officer?.context().close();
	await browser?.close();
	await new Promise((resolve) => (gateway ? gateway.close(resolve) : resolve()));
});

async function open(page, path) {
	const response = await page.goto(`${BASE_URL}${path}`, { waitUntil: "domcontentloaded" });
	assert.equal(response.status(), 200, `${path} answered ${response.status()}`);
	await page.waitForSelector(".amass-portal");
}

// A portal form sent through portal_forms.js: it navigates on success, else shows the errors in place.
async function send(page, form, { navigates = true } = {}) {
	const button = form.locator('button[type="submit"]');
	if (!navigates) return button.click();
	await Promise.all([page.waitForNavigation({ waitUntil: "domcontentloaded", timeout: 30000 }), button.click()]);
	await page.waitForSelector(".amass-portal");
}

const stage = (page) => page.getAttribute(".amass-status[data-stage]", "data-stage");

async function desk(page, path) {
	await page.goto(`${BASE_URL}${path}`, { waitUntil: "domcontentloaded" });
	await page.waitForSelector(".page-head", { state: "visible", timeout: 30000 });
	await page.waitForTimeout(500);
}

test("apply: a service, the need and the amount, saved as a draft", { skip: SKIP, timeout: 120000 }, async () => {
	applicant = await newPage(browser, { width: 390, lang: "en" });
	const page = applicant;
	await page.goto(`${BASE_URL}/login`, { waitUntil: "domcontentloaded" });
	await page.fill("#login_email", world.account);
	await page.fill("#login_password", PASSWORD);
	await Promise.all([page.waitForURL(/\/my-requests/, { timeout: 30000 }), page.click(".btn-login")]);
	storageState = await page.context().storageState();
	await page.click("a.amass-apply");
	await page.waitForSelector('input[name="service_type"]');
	await page.check(`input[name="service_type"][value="${world.service}"]`);
	assert.ok(await page.isVisible("#amount_requested"), "a financial service asks for the amount");
	// Over the maximum: refused beside the field, nothing saved.
	await page.fill("#description", "Help with the cost of travel to my treatment (browser test).");
	await page.fill("#amount_requested", "999999");
	const form = page.locator("form[data-amass-method$='save_request']");
	await send(page, form, { navigates: false });
	await page.waitForSelector('[data-error-for="amount_requested"]:not(:empty)');
	assert.match(await page.textContent('[data-error-for="amount_requested"]'), /maximum/);
	await screenshot(page, "portal-apply-refused-en-390", { fullPage: true });
	await page.fill("#amount_requested", "1500");
	await send(page, form);
	request = decodeURIComponent(new URL(page.url()).pathname.split("/").at(-1));
	assert.match(request, /^SR-/);
	assert.equal(await stage(page), "draft");
	assert.deepEqual(page.uncaughtErrors, []);
});

test("uploads checked by content, the declaration accepted, the request sent", { skip: SKIP, timeout: 120000 }, async () => {
	assert.ok(request, "no draft");
	const page = applicant;
	const upload = (type) => page.locator(`li.amass-document[data-document="${type}"] form.amass-upload`);
	const validUntil = `${new Date().getFullYear() + 1}-12-31`;
	for (const type of ["Income Proof", "Price Quotation"]) await upload(type).locator('input[name="expiry_date"]').fill(validUntil);
	// A renamed executable is refused beside its field.
	await upload("Income Proof").locator('input[type="file"]').setInputFiles({ name: "income.pdf", mimeType: "application/pdf", buffer: EXE });
	await send(page, upload("Income Proof"), { navigates: false });
	await page.waitForSelector('li.amass-document[data-document="Income Proof"] [data-error-for="file"]:not(:empty)');
	assert.match(
		await page.textContent('li.amass-document[data-document="Income Proof"] [data-error-for="file"]'),
		/PDF, JPG or PNG/,
	);
	await screenshot(page, "portal-upload-refused-en-390", { fullPage: true });
	await upload("Income Proof").locator('input[type="file"]').setInputFiles({ name: "income.pdf", mimeType: "application/pdf", buffer: PDF });
	await send(page, upload("Income Proof"));
	await upload("Price Quotation").locator('input[name="expiry_date"]').fill(validUntil);
	await upload("Price Quotation").locator('input[type="file"]').setInputFiles({ name: "quote.png", mimeType: "image/png", buffer: PNG });
	await send(page, upload("Price Quotation"));
	const uploaded = await page.$$eval("li.amass-document", (items) => items.map((li) => li.dataset.uploaded));
	assert.deepEqual(uploaded, ["1", "1"]);
	const sendForm = page.locator("form[data-amass-method$='submit_request']");
	assert.ok((await page.textContent(".amass-declaration")).trim().length > 20, "the declaration's text is shown");
	await page.check('input[name="accept"]');
	await page.fill("#signer_name", "Munira Applicant");
	await screenshot(page, "portal-declaration-en-390", { fullPage: true });
	await send(page, sendForm);
	assert.equal(await stage(page), "received");
	assert.equal(await page.locator("form.amass-upload").count(), 0, "nothing to upload once sent");
	await screenshot(page, "portal-request-sent-en-390", { fullPage: true });
	assert.deepEqual(page.uncaughtErrors, []);
});

test("the officer returns it from the desk with a message to the applicant", { skip: SKIP, timeout: 120000 }, async () => {
	assert.ok(request, "no request");
	officer = await newPage(browser, { width: 1280, lang: "en" });
	const page = officer;
	await signIn(page, world.officer);
	await desk(page, `/app/support-request/${encodeURIComponent(request)}`);
	await page.locator(".page-actions button:has-text('Actions')").first().click();
	await page.locator(".page-actions .dropdown-menu a:has-text('Return to Applicant')").first().click();
	const dialog = page.locator(".modal.show");
	await dialog.locator('[data-fieldname="comment"] textarea').fill("The quotation is not stamped (internal).");
	await dialog.locator('[data-fieldname="message"] textarea').fill("Please upload a price quotation stamped by the supplier.");
	await screenshot(page, "desk-return-to-applicant-en-1280");
	await dialog.locator(".btn-primary").click();
	await page.waitForFunction(() => document.querySelector(".indicator-pill")?.textContent.includes("Returned"), null, { timeout: 30000 });
	assert.deepEqual(page.uncaughtErrors, []);
});

test("the applicant reads the message, uploads the missing document and answers", { skip: SKIP, timeout: 120000 }, async () => {
	const page = applicant;
	await open(page, `/my-requests/${encodeURIComponent(request)}`);
	assert.equal(await stage(page), "information");
	assert.match(await page.textContent(".amass-returned"), /stamped by the supplier/);
	assert.doesNotMatch(await page.textContent("body"), /internal/, "the internal comment stays in the desk");
	const upload = page.locator('li.amass-document[data-document="Price Quotation"] form.amass-upload');
	await upload.locator('input[name="expiry_date"]').fill(`${new Date().getFullYear() + 1}-06-30`);
	await upload.locator('input[type="file"]').setInputFiles({ name: "stamped.pdf", mimeType: "application/pdf", buffer: PDF });
	await send(page, upload);
	await page.fill("#answer", "Here is the stamped quotation.");
	await page.check('input[name="accept"]');
	await page.fill("#signer_name", "Munira Applicant");
	await screenshot(page, "portal-answer-en-390", { fullPage: true });
	await send(page, page.locator("form[data-amass-method$='answer_request']"));
	assert.equal(await stage(page), "received");
	assert.deepEqual(page.uncaughtErrors, []);
});

test("a question, the officer's reply in the desk, read on the portal", { skip: SKIP, timeout: 120000 }, async () => {
	const page = applicant;
	await open(page, "/my-questions");
	await page.fill("#question", "How long does the committee take? (browser test)");
	await send(page, page.locator("form.amass-ask"));
	question = await page.getAttribute("li.amass-question", "data-question");
	assert.match(question, /^INT-/);
	await desk(officer, `/app/interaction/${encodeURIComponent(question)}`);
	await officer.getByRole("button", { name: "Reply to the Beneficiary" }).click();
	const dialog = officer.locator(".modal.show");
	await dialog.locator('[data-fieldname="message"] textarea').fill("Within the period shown on your request; we will tell you by SMS.");
	await dialog.locator(".btn-primary").click();
	await officer.waitForFunction(() => document.querySelector(".indicator-pill")?.textContent.includes("Answered"), null, { timeout: 30000 });
	await screenshot(officer, "desk-question-replied-en-1280", { fullPage: true });
	await open(page, "/my-questions");
	assert.match(await page.textContent("li.amass-question .amass-from-us"), /we will tell you by SMS/);
	await screenshot(page, "portal-question-replied-en-390", { fullPage: true });
	assert.deepEqual(page.uncaughtErrors, []);
	assert.deepEqual(officer.uncaughtErrors, []);
});

test("the mobile changes with the code sent to the new number", { skip: SKIP, timeout: 120000 }, async () => {
	const page = applicant;
	await open(page, "/my-profile");
	const mobile = `0557${String(Date.now()).slice(-6)}`;
	await page.fill("#mobile_no", mobile);
	const since = Date.now();
	await send(page, page.locator("form[data-amass-method$='request_mobile_change']"));
	const { code } = await codeSentTo(mobile, since);
	await page.fill("#code", code);
	await send(page, page.locator("form[data-amass-method$='confirm_mobile_change']"));
	assert.match(await page.textContent("#mobile"), /Your mobile number is changed/);
	assert.match(await page.textContent(".amass-profile"), new RegExp(mobile.slice(-9)), "the new number on the file");
	await screenshot(page, "portal-mobile-changed-en-390", { fullPage: true });
	assert.deepEqual(page.uncaughtErrors, []);
});

test("download my data: a JSON file of the own file", { skip: SKIP, timeout: 60000 }, async () => {
	const page = applicant;
	await open(page, "/my-profile");
	const [download] = await Promise.all([page.waitForEvent("download", { timeout: 30000 }), page.click("a.amass-download-data")]);
	const data = JSON.parse(await readFile(await download.path(), "utf8"));
	assert.equal(data.person.name, world.file);
	assert.ok(data.requests.some((r) => r.name === request), "the request is in it");
	assert.ok(data.questions.some((q) => q.name === question), "the question is in it");
	assert.match(download.suggestedFilename(), /\.json$/);
});

for (const lang of ["ar", "en"]) {
	for (const width of WIDTHS) {
		test(`the applicant's pages in ${lang} at ${width} px`, { skip: SKIP, timeout: 120000 }, async () => {
			assert.ok(storageState && request, "the flow did not run");
			const page = await newPage(browser, { width, lang, storageState });
			try {
				const problems = [];
				await page.goto(`${BASE_URL}/my-requests`, { waitUntil: "domcontentloaded" });
				if ((await page.evaluate(() => document.documentElement.lang.split("-")[0])) !== lang) {
					await Promise.all([
						page.waitForNavigation({ waitUntil: "domcontentloaded" }),
						page.click(`.amass-portal-bar .amass-language button[name="language"][value="${lang}"]`),
					]);
				}
				for (const [path, name] of [
					["/apply", "apply"],
					[`/my-requests/${encodeURIComponent(request)}`, "request-applied"],
					["/my-questions", "questions"],
					["/my-profile", "profile"],
					["/services", "services"],
				]) {
					const response = await page.goto(`${BASE_URL}${path}`, { waitUntil: "load" });
					if (response.status() !== 200) problems.push(`${path}: ${response.status()}`);
					await page.waitForTimeout(200);
					const shown = await page.evaluate(() => ({
						lang: document.documentElement.lang.toLowerCase().split("-")[0],
						direction: getComputedStyle(document.querySelector(".amass-portal") || document.body).direction,
						overflow: document.documentElement.scrollWidth - window.innerWidth,
					}));
					await screenshot(page, `portal-${name}-${lang}-${width}`, { fullPage: true });
					if (shown.lang !== lang) problems.push(`${path}: lang ${shown.lang}`);
					if (shown.direction !== (lang === "ar" ? "rtl" : "ltr")) problems.push(`${path}: direction ${shown.direction}`);
					if (shown.overflow > 1) problems.push(`${path}: ${shown.overflow} px wider than the ${width} px screen`);
				}
				assert.deepEqual(problems, []);
				assert.deepEqual(page.uncaughtErrors, []);
			} finally {
				await page.context().close();
			}
		});
	}
}
