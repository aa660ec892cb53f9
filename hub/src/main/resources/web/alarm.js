// Getting attention: a beep made with WebAudio (no sound file) and "(N) Gatepost hub" in the tab title.
'use strict';

import { t } from './i18n.js';

const STORAGE_KEY = 'gatepost.sound';
let audio = null;
let enabled = localStorage.getItem(STORAGE_KEY) !== 'off';
let button = null;

/** Two short tones. Browsers allow sound only after a click on the page; until then the button asks for one. */
export function beep() {
  document.body.dataset.beeps = String(Number(document.body.dataset.beeps || 0) + 1);
  if (!enabled) return;
  try {
    audio = audio || new AudioContext();
    if (audio.state === 'suspended') audio.resume();
    const start = audio.currentTime + 0.02;
    [0, 0.3].forEach(offset => {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = 'square';
      osc.frequency.value = 880;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.25, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.22);
      osc.connect(gain).connect(audio.destination);
      osc.start(start + offset);
      osc.stop(start + offset + 0.25);
    });
  } catch (err) {
    console.warn('beep failed', err);
  }
  render();
}

/** N = high-severity alerts that nobody has acknowledged or resolved yet. */
export function setUnhandled(n) {
  document.title = n > 0 ? '(' + n + ') ' + t('app.title') : t('app.title');
}

export function setupSoundButton(node) {
  button = node;
  try {
    audio = new AudioContext(); // starts suspended until the first click, unless the browser allows autoplay
    audio.onstatechange = render;
  } catch (err) {
    audio = null;
  }
  button.addEventListener('click', () => {
    if (enabled && audio && audio.state === 'suspended') {
      audio.resume().then(render);
      return;
    }
    enabled = !enabled;
    localStorage.setItem(STORAGE_KEY, enabled ? 'on' : 'off');
    if (enabled) {
      audio = audio || new AudioContext();
      audio.resume().then(render);
    }
    render();
  });
  // Any click on the page lets the audio start (browser autoplay rules).
  document.addEventListener('click', () => {
    if (enabled) {
      audio = audio || new AudioContext();
      if (audio.state === 'suspended') audio.resume().then(render);
    }
  }, { capture: true });
  render();
}

function render() {
  if (!button) return;
  const blocked = enabled && (!audio || audio.state !== 'running');
  button.textContent = t(!enabled ? 'sound.off' : blocked ? 'sound.blocked' : 'sound.on');
  button.classList.toggle('warn', !enabled || blocked);
  button.title = t('sound.title');
}
