/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

// Nothing of the screen is off to the side: the page does not scroll
// sideways and the elements (a CSS selector) are within the window.
export function fitsTheScreen(selector) {
    return {
        content: `${selector} fits the screen`,
        trigger: selector,
        run() {
            const page = document.scrollingElement;
            const content = document.querySelector(".o_content");
            const overflow = [page, content].filter(
                (element) => element && element.scrollWidth > element.clientWidth + 1
            );
            if (overflow.length) {
                throw new Error(
                    `The screen scrolls sideways: ${overflow[0].scrollWidth} px in ${overflow[0].clientWidth} px`
                );
            }
            for (const element of document.querySelectorAll(selector)) {
                const box = element.getBoundingClientRect();
                if (box.left < 0 || box.right > window.innerWidth + 1) {
                    throw new Error(`${selector} is off the screen (${box.left}-${box.right} px)`);
                }
            }
        },
    };
}
