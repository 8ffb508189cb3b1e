class AddDayChecks < ActiveRecord::Migration[6.1]
  def change
    add_column :partner_groups, :send_reminders, :boolean, default: false, null: false
    add_column :partner_groups, :reminder_day, :integer
    add_column :partner_groups, :deadline_day, :integer
    add_check_constraint :partner_groups, "deadline_day <= 28", name: "deadline_day_check", validate: false
    add_check_constraint :partner_groups, "deadline_day > reminder_day", name: "days_check", validate: false
    add_check_constraint :partner_groups, "char_length(title) < 200", name: "title_check"
  end
end
