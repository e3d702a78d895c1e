//! Entering and leaving the terminal's reader mode, on every path out: a normal quit,
//! an error, a panic, and SIGTERM / SIGINT / SIGHUP.

use std::io::{self, Stdout, Write};
use std::sync::mpsc::Sender;
use std::sync::Once;

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};
use ratatui::layout::Size;
use ratatui::Terminal;

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::Event;

/// Puts the terminal back as it was. Safe to call more than once.
pub fn restore() {
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableMouseCapture,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

fn install_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // A panic on a worker thread is caught there and reported in the reader;
            // printing it would scribble over the screen, so it goes to the log.
            if std::thread::current().name() == Some("main") {
                restore();
                previous(info);
            } else {
                tracing::error!("panic on a worker thread: {info}");
            }
        }));
    });
}

/// The terminal in reader mode; dropping it restores the terminal.
pub struct Session {
    terminal: Terminal<CrosstermBackend<Stdout>>,
}

impl Session {
    /// Enters raw mode and the alternate screen, with mouse capture when asked.
    pub fn start(mouse: bool) -> io::Result<Self> {
        install_panic_hook();
        enable_raw_mode()?;
        let mut out = io::stdout();
        let entered = if mouse {
            execute!(out, EnterAlternateScreen, EnableMouseCapture)
        } else {
            execute!(out, EnterAlternateScreen)
        };
        if let Err(err) = entered {
            restore();
            return Err(err);
        }
        match Terminal::new(CrosstermBackend::new(out)) {
            Ok(mut terminal) => {
                let _ = terminal.hide_cursor();
                Ok(Self { terminal })
            }
            Err(err) => {
                restore();
                Err(err)
            }
        }
    }

    /// Leaves reader mode for another program (an editor) to use the terminal; the
    /// session stays borrowed so nothing draws meanwhile.
    pub fn suspend(&mut self) {
        restore();
        let _ = self.terminal.show_cursor();
    }

    /// Comes back to reader mode after `suspend`, redrawing everything.
    pub fn resume(&mut self, mouse: bool) -> io::Result<()> {
        enable_raw_mode()?;
        let mut out = io::stdout();
        if mouse {
            execute!(out, EnterAlternateScreen, EnableMouseCapture)?;
        } else {
            execute!(out, EnterAlternateScreen)?;
        }
        let _ = self.terminal.hide_cursor();
        self.terminal.clear()
    }

    /// Returns the terminal's size.
    pub fn size(&self) -> anyhow::Result<Size> {
        Ok(self.terminal.size()?)
    }

    /// Draws the whole app.
    pub fn draw(&mut self, app: &App) -> anyhow::Result<()> {
        self.terminal
            .draw(|frame| frame.render_widget(app, frame.area()))?;
        Ok(())
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        restore();
    }
}

/// Turns SIGTERM, SIGINT and SIGHUP into a quit, so the loop restores the terminal.
/// SIGHUP (the terminal went away) also sets `hung_up`, so the loop does not try to
/// restore a terminal that is gone. Every signal asks again: a second SIGTERM is not
/// ignored.
pub fn forward_signals(
    tx: Sender<Event>,
    hung_up: std::sync::Arc<std::sync::atomic::AtomicBool>,
) -> anyhow::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP])?;
    std::thread::Builder::new()
        .name("signals".to_owned())
        .spawn(move || {
            for signal in signals.forever() {
                if signal == SIGHUP {
                    hung_up.store(true, std::sync::atomic::Ordering::SeqCst);
                }
                if tx.send(Event::Action(Action::Quit)).is_err() {
                    break;
                }
            }
        })?;
    Ok(())
}

/// Watches for the terminal going away without a SIGHUP reaching gloss (a killed
/// tmux server, a dropped ssh session). The terminal library's reader then spins
/// inside its poll and never returns, so the input thread stops beating: when its
/// `heartbeat` (milliseconds since `start`) is more than ten seconds old (long enough
/// that a busy machine is not taken for a dead terminal), this sets
/// `hung_up` and asks the loop to quit.
pub fn watch_terminal(
    tx: Sender<Event>,
    hung_up: std::sync::Arc<std::sync::atomic::AtomicBool>,
    heartbeat: std::sync::Arc<std::sync::atomic::AtomicU64>,
    start: std::time::Instant,
) -> anyhow::Result<()> {
    use std::sync::atomic::Ordering;
    std::thread::Builder::new()
        .name("terminal-watch".to_owned())
        .spawn(move || loop {
            std::thread::sleep(std::time::Duration::from_secs(1));
            let now = u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX);
            if now.saturating_sub(heartbeat.load(Ordering::SeqCst)) > 10_000 {
                hung_up.store(true, Ordering::SeqCst);
                let _ = tx.send(Event::Action(Action::Quit));
                break;
            }
        })?;
    Ok(())
}
