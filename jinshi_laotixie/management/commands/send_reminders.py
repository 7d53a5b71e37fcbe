import datetime as dt

from django.core.management.base import BaseCommand

from jinshi_laotixie.reminders import send_reminders


class Command(BaseCommand):
    help = "给联络员发送 7 天内到期事项的邮件提醒（同一事项只提醒一次）。适合每天由定时任务运行。"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="提前多少天提醒（默认 7）")
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help="按指定日期计算，格式 2023-03-01")
        parser.add_argument("--dry-run", action="store_true", help="只列出将要提醒的事项，不发送")

    def handle(self, *args, days, today, dry_run, **options):
        results = send_reminders(today=today, days=days, dry_run=dry_run)
        for result in results:
            for task in result.sent:
                self.stdout.write(f"{result.username}\t{task.due}\t{task.title}")
        verb = "将提醒" if dry_run else "已提醒"
        self.stdout.write(self.style.SUCCESS(f"{verb} {len(results)} 人，共 {sum(len(r.sent) for r in results)} 项。"))
