//! Terminal events turned into gloss's own key and mouse vocabulary.

use ratatui::crossterm::event::{
    Event as TermEvent, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

use gloss::config::keymap::{Key, KeyChord};

use crate::tui::action::{Action, Mouse};
use crate::tui::Event;

/// Converts a terminal key event; key releases and unknown keys give `None`.
pub fn chord(key: &KeyEvent) -> Option<KeyChord> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    let shift = key.modifiers.contains(KeyModifiers::SHIFT);
    let k = match key.code {
        KeyCode::Char(c) => Key::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Esc,
        KeyCode::Tab if shift => Key::BackTab,
        KeyCode::Tab => Key::Tab,
        KeyCode::BackTab => Key::BackTab,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Delete => Key::Delete,
        KeyCode::Insert => Key::Insert,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::F(n) => Key::F(n),
        _ => return None,
    };
    Some(KeyChord { key: k, ctrl, alt })
}

/// Converts any terminal event the reader cares about.
pub fn to_event(ev: &TermEvent) -> Option<Event> {
    match ev {
        TermEvent::Key(key) => chord(key).map(Event::Key),
        TermEvent::Resize(w, h) => Some(Event::Action(Action::Resized(*w, *h))),
        TermEvent::Mouse(m) => {
            let (column, row) = (m.column, m.row);
            let mouse = match m.kind {
                MouseEventKind::ScrollDown => Mouse::ScrollDown { column, row },
                MouseEventKind::ScrollUp => Mouse::ScrollUp { column, row },
                MouseEventKind::Down(MouseButton::Left) => Mouse::Click { column, row },
                _ => return None,
            };
            Some(Event::Action(Action::Mouse(mouse)))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shifted_letters_and_control_keys() {
        let ev = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(chord(&ev), "G".parse().ok());
        let ev = KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL);
        assert_eq!(chord(&ev), "ctrl-d".parse().ok());
        let ev = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(chord(&ev), "shift-tab".parse().ok());
    }
}
