class AddNotes < ActiveRecord::Migration[7.0]
  def up
    add_column :info_requests, :notes, :text
    execute "UPDATE info_requests SET notes = ''"
    change_column :info_requests, :notes, :text, null: false
    change_column :info_requests, :title, :text, null: false
  end

  def down
    remove_column :info_requests, :notes
  end
end
