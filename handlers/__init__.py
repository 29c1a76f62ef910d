"""python-telegram-bot callbacks: parse the update, call storage/news, render, reply.

Every area has the shape of handlers/articles.py: buttons are keyboards.py actions, cards are rendered in views.py,
replies and edits go through replies.py, expected failures are raised as errors.py's UserErrors and answered by the
one error handler (fallback.on_error). What handlers need from the bot layer (storing articles, the feed poller, the
digest scheduler) they reach through the ports in services.py, a leaf module, via BotContext (context.py).
"""
