"""python-telegram-bot callbacks: parse the update, call storage/news, render, reply."""
