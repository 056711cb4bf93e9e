// Bridgework front-end entry point (hand-written; frontend/build.sh does not touch it).
// Loaded with <script type="module">; the vendored bundles beside it are ES modules.
import { createAll, initAll as initGovuk } from './govuk-frontend.min.js'
import { FilterToggleButton, initAll as initMoj } from './moj-frontend.min.js'

function initComponents (scope = document) {
  // GOV.UK Frontend: every [data-module="govuk-…"] (header, service navigation, error summary,
  // notification banner, radios, checkboxes, …).
  initGovuk({ scope })
  // MOJ Frontend: sortable tables ([data-module="moj-sortable-table"]), button menus,
  // add-another, date picker, multi-select, password reveal, search toggle, …
  initMoj(scope)
  // MOJ filter toggle (not in MOJ's initAll): <div class="moj-filter" data-module="moj-filter">,
  // with the "Show filter" button placed in .moj-action-bar__filter. Starts open on desktop;
  // data-start-hidden="true" on the filter overrides.
  createAll(FilterToggleButton, { startHidden: false }, scope)
}

initComponents()

// Content swapped in by htmx gets the same behaviour.
document.addEventListener('htmx:load', (event) => {
  if (event.target instanceof Element && event.target !== document.body) {
    initComponents(event.target)
  }
})
