import { type Html, html } from '../html.js';
import type { Translator } from '../i18n.js';
import type { DashboardState, Load } from '../state.js';

/** The role's label, or the role code when the dashboard does not know it. */
export function roleLabel(role: string, tr: Translator): string {
  return tr.label('role_', role);
}

export function header(state: DashboardState, tr: Translator): Html {
  const viewer = state.viewer.state === 'ready' ? state.viewer.data.viewer : undefined;
  return html`<div class="brand">
      <span class="emblem" aria-hidden="true">基</span>
      <div>
        <h1 id="app-title">${tr.t('appTitle')}</h1>
        <p class="subtitle">${tr.t('appSubtitle')}</p>
      </div>
    </div>
    <div class="account">
      ${
        viewer
          ? html`<span class="viewer" id="viewer" data-role="${viewer.role}" title="${viewer.subject}">
              <span class="muted">${tr.t('signedInAs')}</span>
              <strong>${viewer.name ?? viewer.subject}</strong>
              <span class="badge">${roleLabel(viewer.role, tr)}</span>
              <span class="muted">${viewer.scope}</span>
            </span>
            <button type="button" class="ghost" data-action="sign-out" id="sign-out">${tr.t('signOut')}</button>`
          : ''
      }
      <button type="button" class="ghost" data-action="language" id="language" lang="${tr.language === 'zh' ? 'en' : 'zh'}" title="${tr.t('switchLanguageHint')}">${tr.t('switchLanguage')}</button>
    </div>`;
}

export function signInForm(state: DashboardState, tr: Translator): Html {
  return html`<section class="panel sign-in" id="sign-in-panel">
    <h2>${tr.t('signInTitle')}</h2>
    <p class="muted">${tr.t('signInIntro')}</p>
    <form id="sign-in" data-action="sign-in">
      <label for="token">${tr.t('tokenLabel')}</label>
      <textarea id="token" name="token" rows="4" spellcheck="false" autocomplete="off" placeholder="${tr.t('tokenPlaceholder')}"></textarea>
      ${state.signIn.error ? html`<p class="error" role="alert" id="sign-in-error">${state.signIn.error}</p>` : ''}
      <button type="submit" class="primary" ${state.signIn.busy ? 'disabled' : ''}>${state.signIn.busy ? tr.t('signingIn') : tr.t('signIn')}</button>
    </form>
  </section>`;
}

/** The placeholder of a part still loading, or its refusal with a retry button. */
export function pending(load: Load<unknown>, tr: Translator, retry: string): Html | undefined {
  switch (load.state) {
    case 'idle':
    case 'loading':
      return html`<p class="muted loading">${tr.t('loading')}</p>`;
    case 'failed':
      return html`<div class="error" role="alert">
        <p>${load.code === 'FORBIDDEN' ? tr.t('forbidden') : load.message}</p>
        <button type="button" class="ghost" data-action="retry" data-target="${retry}">${tr.t('retry')}</button>
      </div>`;
    case 'ready':
      return undefined;
  }
}
